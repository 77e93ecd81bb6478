package dev.jsandbox.api;

import org.jspecify.annotations.Nullable;

/**
 * The container engine cannot be reached, did not answer in time, or lost a container before its job started; the
 * message says what to do (start the engine, point {@code DOCKER_HOST} at it, or retry).
 */
public class EngineUnavailableException extends SandboxException {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
