package dev.jsandbox.api;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Per-request limits that may only lower the sandbox's configured {@link Limits}; a null component keeps the
 * configured value. Values above the configured ones are rejected when the request is executed.
 *
 * @param timeout wall-clock run time, or null
 * @param compileTimeout wall-clock compile time, or null
 * @param memoryBytes container memory, or null
 * @param maxProcesses processes and threads, or null
 * @param maxOutputBytes bytes kept per output stream, or null
 */
public record LimitOverrides(
        @Nullable Duration timeout,
        @Nullable Duration compileTimeout,
        @Nullable Long memoryBytes,
        @Nullable Integer maxProcesses,
        @Nullable Integer maxOutputBytes) {

    private static final LimitOverrides NONE = new LimitOverrides(null, null, null, null, null);

    /** Rejects non-positive values. */
    public LimitOverrides {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new InvalidRequestException("limits.timeout must be positive, was " + timeout);
        }
        if (compileTimeout != null && (compileTimeout.isNegative() || compileTimeout.isZero())) {
            throw new InvalidRequestException("limits.compileTimeout must be positive, was " + compileTimeout);
        }
        requirePositive("memoryBytes", memoryBytes);
        requirePositive("maxProcesses", maxProcesses);
        requirePositive("maxOutputBytes", maxOutputBytes);
    }

    /** No override: the configured limits apply. */
    public static LimitOverrides none() {
        return NONE;
    }

    /** Only the timeout is lowered. */
    public static LimitOverrides timeout(Duration timeout) {
        return new LimitOverrides(timeout, null, null, null, null);
    }

    /** True when no component is set. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    private static void requirePositive(String name, @Nullable Number value) {
        if (value != null && value.longValue() <= 0) {
            throw new InvalidRequestException("limits." + name + " must be positive, was " + value);
        }
    }
}
