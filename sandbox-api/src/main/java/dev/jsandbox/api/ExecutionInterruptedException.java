package dev.jsandbox.api;

/**
 * The calling thread was interrupted while waiting for an execution. The execution was stopped and its container
 * removed; the thread's interrupt flag is set again before this is thrown.
 */
public class ExecutionInterruptedException extends SandboxException {
    private static final long serialVersionUID = 1L;

    public ExecutionInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
