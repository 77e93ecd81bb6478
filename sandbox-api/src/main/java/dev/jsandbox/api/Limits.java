package dev.jsandbox.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The resource limits every execution runs under. Immutable and validated on construction: a bad value throws
 * {@link IllegalArgumentException} naming the value and the rule.
 *
 * <p>The defaults ({@link #defaults()}) are the product's: 5 s wall-clock timeout, 10 s compile timeout, 256 MiB of
 * memory with no swap, 50 processes, 1 CPU, 50 KB of code, 1 MiB per output stream, 16 MiB of stdin and 64 MiB
 * of writable workspace. A request may lower some of them through {@link LimitOverrides}, never raise them.
 *
 * @param timeout wall-clock time the program may run, compile time excluded
 * @param compileTimeout wall-clock time the compile step may take (compiled languages only)
 * @param memoryBytes memory of the whole container; swap is never allowed on top of it
 * @param maxProcesses processes and threads the container may hold at once, the runner's included
 * @param cpus CPU share the container is throttled to (1.0 = one core)
 * @param maxCodeBytes UTF-8 size of the source code above which a request is rejected before any container exists
 * @param maxOutputBytes bytes kept per output stream (stdout, stderr, compile output); more stops the program
 * @param maxStdinBytes UTF-8 size of the stdin above which a request is rejected
 * @param workspaceBytes size of the writable, executable workspace (a tmpfs; {@code /tmp} gets the same size, not
 *     executable). Both count against {@code memoryBytes}.
 */
public record Limits(
        Duration timeout,
        Duration compileTimeout,
        long memoryBytes,
        int maxProcesses,
        double cpus,
        int maxCodeBytes,
        int maxOutputBytes,
        int maxStdinBytes,
        long workspaceBytes) {

    private static final long MIB = 1024 * 1024;
    private static final Duration MAX_DURATION = Duration.ofMinutes(10);
    private static final Limits DEFAULTS = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 256 * MIB, 50,
            1.0, 50_000, (int) MIB, 16 * (int) MIB, 64 * MIB);

    /** Validates every limit; see the record's description for the meaning of each. */
    public Limits {
        requireDuration("timeout", timeout);
        requireDuration("compileTimeout", compileTimeout);
        requireRange("memoryBytes", memoryBytes, 16 * MIB, 64L * 1024 * MIB);
        requireRange("maxProcesses", maxProcesses, 8, 10_000);
        if (!(cpus >= 0.01 && cpus <= 256)) {
            throw new IllegalArgumentException("cpus must be between 0.01 and 256, was " + cpus);
        }
        requireRange("maxCodeBytes", maxCodeBytes, 1, 16 * MIB);
        requireRange("maxOutputBytes", maxOutputBytes, 1, 64 * MIB);
        requireRange("maxStdinBytes", maxStdinBytes, 0, 256 * MIB);
        requireRange("workspaceBytes", workspaceBytes, MIB, 16L * 1024 * MIB);
    }

    /** The product defaults described above. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder that starts from these limits. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * These limits, lowered where {@code overrides} asks.
     *
     * @throws InvalidRequestException if an override is above the limit it overrides
     */
    public Limits narrowedBy(LimitOverrides overrides) {
        Builder narrowed = toBuilder();
        if (overrides.timeout() != null) {
            narrowed.timeout(lower("timeout", overrides.timeout(), timeout));
        }
        if (overrides.compileTimeout() != null) {
            narrowed.compileTimeout(lower("compileTimeout", overrides.compileTimeout(), compileTimeout));
        }
        if (overrides.memoryBytes() != null) {
            narrowed.memoryBytes(lower("memoryBytes", overrides.memoryBytes(), memoryBytes));
        }
        if (overrides.maxProcesses() != null) {
            narrowed.maxProcesses(lower("maxProcesses", overrides.maxProcesses(), maxProcesses));
        }
        if (overrides.maxOutputBytes() != null) {
            narrowed.maxOutputBytes(lower("maxOutputBytes", overrides.maxOutputBytes(), maxOutputBytes));
        }
        try {
            return narrowed.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("limits: " + e.getMessage());
        }
    }

    private static <T extends Comparable<T>> T lower(String name, T requested, T configured) {
        if (requested.compareTo(configured) > 0) {
            throw new InvalidRequestException("limits." + name + " may only lower the configured limit: requested "
                    + requested + ", configured " + configured);
        }
        return requested;
    }

    private static void requireDuration(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(name + " must be more than 0 and at most " + MAX_DURATION + ", was " + value);
        }
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Builds {@link Limits}; every setter's default is the value of the limits the builder started from. */
    public static final class Builder {
        private Duration timeout;
        private Duration compileTimeout;
        private long memoryBytes;
        private int maxProcesses;
        private double cpus;
        private int maxCodeBytes;
        private int maxOutputBytes;
        private int maxStdinBytes;
        private long workspaceBytes;

        private Builder(Limits from) {
            timeout = from.timeout;
            compileTimeout = from.compileTimeout;
            memoryBytes = from.memoryBytes;
            maxProcesses = from.maxProcesses;
            cpus = from.cpus;
            maxCodeBytes = from.maxCodeBytes;
            maxOutputBytes = from.maxOutputBytes;
            maxStdinBytes = from.maxStdinBytes;
            workspaceBytes = from.workspaceBytes;
        }

        /** Wall-clock run time; default 5 s, at most 10 min. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Wall-clock compile time; default 10 s, at most 10 min. */
        public Builder compileTimeout(Duration compileTimeout) {
            this.compileTimeout = compileTimeout;
            return this;
        }

        /** Container memory in bytes, no swap; default 256 MiB, at least 16 MiB. */
        public Builder memoryBytes(long memoryBytes) {
            this.memoryBytes = memoryBytes;
            return this;
        }

        /** Processes and threads at once; default 50, at least 8. */
        public Builder maxProcesses(int maxProcesses) {
            this.maxProcesses = maxProcesses;
            return this;
        }

        /** CPU throttle in cores; default 1.0. */
        public Builder cpus(double cpus) {
            this.cpus = cpus;
            return this;
        }

        /** Largest accepted source code in UTF-8 bytes; default 50,000. */
        public Builder maxCodeBytes(int maxCodeBytes) {
            this.maxCodeBytes = maxCodeBytes;
            return this;
        }

        /** Bytes kept per output stream; default 1 MiB. */
        public Builder maxOutputBytes(int maxOutputBytes) {
            this.maxOutputBytes = maxOutputBytes;
            return this;
        }

        /** Largest accepted stdin in UTF-8 bytes; default 16 MiB. */
        public Builder maxStdinBytes(int maxStdinBytes) {
            this.maxStdinBytes = maxStdinBytes;
            return this;
        }

        /** Size of the writable workspace and of {@code /tmp}; default 64 MiB. */
        public Builder workspaceBytes(long workspaceBytes) {
            this.workspaceBytes = workspaceBytes;
            return this;
        }

        /** @throws IllegalArgumentException if a value breaks its rule */
        public Limits build() {
            return new Limits(timeout, compileTimeout, memoryBytes, maxProcesses, cpus, maxCodeBytes, maxOutputBytes,
                    maxStdinBytes, workspaceBytes);
        }
    }
}
