package dev.jsandbox.api;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Per-request limits that may only lower the sandbox's configured {@link Limits}; a null component keeps the
 * configured value. Values above the configured ones are rejected when the request is executed.
 *
 * <pre>{@code
 * LimitOverrides overrides = LimitOverrides.builder()
 *         .timeout(Duration.ofSeconds(2))
 *         .memoryBytes(64L << 20)
 *         .build();
 * }</pre>
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

    /**
     * Only the timeout is lowered.
     *
     * @throws InvalidRequestException if {@code timeout} is null or not positive
     */
    public static LimitOverrides timeout(Duration timeout) {
        return builder().timeout(timeout).build();
    }

    /** A builder in which every component is unset, i.e. keeps the configured value. */
    public static Builder builder() {
        return new Builder();
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

    /**
     * Builds {@link LimitOverrides}. Every setter's default is "unset": the sandbox's configured value applies. A
     * setter called twice keeps the last value. Values are checked by {@link #build()}, except null, which a setter
     * rejects at once (leave a component unset instead).
     */
    public static final class Builder {
        private @Nullable Duration timeout;
        private @Nullable Duration compileTimeout;
        private @Nullable Long memoryBytes;
        private @Nullable Integer maxProcesses;
        private @Nullable Integer maxOutputBytes;

        private Builder() {
        }

        /**
         * Wall-clock run time; default unset.
         *
         * @throws InvalidRequestException if {@code timeout} is null
         */
        public Builder timeout(Duration timeout) {
            this.timeout = requireGiven("timeout", timeout);
            return this;
        }

        /**
         * Wall-clock compile time; default unset.
         *
         * @throws InvalidRequestException if {@code compileTimeout} is null
         */
        public Builder compileTimeout(Duration compileTimeout) {
            this.compileTimeout = requireGiven("compileTimeout", compileTimeout);
            return this;
        }

        /** Container memory in bytes, without swap; default unset. */
        public Builder memoryBytes(long memoryBytes) {
            this.memoryBytes = memoryBytes;
            return this;
        }

        /** Processes and threads at once; default unset. */
        public Builder maxProcesses(int maxProcesses) {
            this.maxProcesses = maxProcesses;
            return this;
        }

        /** Bytes kept per output stream; default unset. */
        public Builder maxOutputBytes(int maxOutputBytes) {
            this.maxOutputBytes = maxOutputBytes;
            return this;
        }

        /**
         * The overrides.
         *
         * @throws InvalidRequestException if a value is not positive
         */
        public LimitOverrides build() {
            return new LimitOverrides(timeout, compileTimeout, memoryBytes, maxProcesses, maxOutputBytes);
        }

        // A request is often assembled from user input (an HTTP body): a missing value is a malformed request,
        // reported like every other one, not a NullPointerException from deep inside the library.
        private static <T> T requireGiven(String name, @Nullable T value) {
            if (value == null) {
                throw new InvalidRequestException("limits." + name + " must not be null; leave it unset to keep the"
                        + " configured limit");
            }
            return value;
        }
    }
}
