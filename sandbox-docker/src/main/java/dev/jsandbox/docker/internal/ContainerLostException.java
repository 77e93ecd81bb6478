package dev.jsandbox.docker.internal;

import dev.jsandbox.api.SandboxException;
import org.jspecify.annotations.Nullable;

/**
 * The container was gone or dead before its job started (e.g. a pre-started container whose engine restarted).
 * Nothing of the job ran, so it is safe to run it again in another container.
 */
public final class ContainerLostException extends SandboxException {
    private static final long serialVersionUID = 1L;

    public ContainerLostException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
