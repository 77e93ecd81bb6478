package dev.jsandbox.api;

/** The sandbox was closed before or during the call. */
public class SandboxClosedException extends SandboxException {
    private static final long serialVersionUID = 1L;

    public SandboxClosedException(String message) {
        super(message);
    }
}
