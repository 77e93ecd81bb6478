package dev.jsandbox.api;

import org.jspecify.annotations.Nullable;

/** The container engine cannot be reached or stopped answering; the message says how to start it. */
public class EngineUnavailableException extends SandboxException {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
