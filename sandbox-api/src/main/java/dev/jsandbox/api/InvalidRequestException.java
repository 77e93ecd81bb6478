package dev.jsandbox.api;

/**
 * The request cannot be executed as given: empty or oversized code, a malformed language id, an argument with a NUL
 * character, limits above the configured ones. Nothing was started.
 */
public class InvalidRequestException extends SandboxException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
