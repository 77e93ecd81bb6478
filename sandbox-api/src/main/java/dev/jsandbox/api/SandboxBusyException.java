package dev.jsandbox.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Every execution slot of the sandbox is taken and as many calls as it allows are already waiting for one, so
 * this call was refused at once instead of joining the queue. Nothing ran and no container was created. Retry
 * after {@link #retryAfter()}, or reduce the load; an HTTP adapter answers 429 with {@code Retry-After}.
 */
public class SandboxBusyException extends SandboxException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param message what is full, and what to do
     * @param retryAfter when a retry has a fair chance, as estimated by the sandbox; positive
     */
    public SandboxBusyException(String message, Duration retryAfter) {
        super(message);
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive, was " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /** How long the caller should wait before trying again (about one execution timeout); never null, positive. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
