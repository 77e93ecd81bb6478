package dev.jsandbox.docker.internal;

import org.jspecify.annotations.Nullable;

/**
 * The container was gone or dead before its job started (e.g. a pre-started container whose engine restarted).
 * Nothing of the job ran, so it is safe to run it again in another container.
 *
 * <p>Internal: {@code DockerSandbox} retries or translates it into a public exception, so it is deliberately not a
 * {@link dev.jsandbox.api.SandboxException} - a caller could catch it as one but never name it (an architecture
 * rule checks that no internal class extends the API's exceptions).
 */
public final class ContainerLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContainerLostException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
