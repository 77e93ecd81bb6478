package dev.jsandbox.api;

/**
 * A language's execution image is not present (or is of an outdated version) in the engine. The message names the
 * command that builds it and the sandbox option that builds missing images at start
 * ({@code DockerSandbox.builder().buildMissingImages(true)}).
 */
public class ImageMissingException extends SandboxException {
    private static final long serialVersionUID = 1L;
    private final String image;
    private final String buildCommand;

    public ImageMissingException(String image, String buildCommand, String reason) {
        super("image " + image + " " + reason + "; build it with: " + buildCommand
                + " (or let the sandbox build missing images at start: DockerSandbox.builder().buildMissingImages(true))");
        this.image = image;
        this.buildCommand = buildCommand;
    }

    /** The image reference that is missing, e.g. {@code jsandbox/python:3}. */
    public String image() {
        return image;
    }

    /** The exact shell command that builds the image. */
    public String buildCommand() {
        return buildCommand;
    }
}
