package dev.jsandbox.api;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the sandbox throws. These report faults of the infrastructure or of the request, never
 * of the executed program (those are {@link ExecutionResult}s). Messages say what to do about the fault.
 */
public class SandboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
