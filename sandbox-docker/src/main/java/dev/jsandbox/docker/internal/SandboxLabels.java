package dev.jsandbox.docker.internal;

/** Labels on every container the library creates, so that it can always find (and remove) what it started. */
public final class SandboxLabels {
    /** Marks a container as created by this library. */
    public static final String MANAGED = "dev.jsandbox.managed";
    /** Id of the {@code DockerSandbox} instance that owns the container. */
    public static final String INSTANCE = "dev.jsandbox.instance";
    /** Epoch second after which the container is dead by its own deadline and may be removed by anyone. */
    public static final String DEADLINE = "dev.jsandbox.deadline";
    /** Id of the language runtime the container serves. */
    public static final String LANGUAGE = "dev.jsandbox.language";
    /** Image label: version of the contract between library and image. */
    public static final String IMAGE_VERSION = "dev.jsandbox.image.version";
    /** The image contract version this library speaks: the runner protocol, user and paths. */
    public static final String SUPPORTED_IMAGE_VERSION = "3";

    private SandboxLabels() {
    }
}
