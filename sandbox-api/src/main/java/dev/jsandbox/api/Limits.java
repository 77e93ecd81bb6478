package dev.jsandbox.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The resource limits every execution runs under. Immutable and validated when built: a bad value throws
 * {@link IllegalArgumentException} naming the value and the rule. Built with {@link #builder()} or
 * {@link #toBuilder()}; new limits are added to the builder with a default, so code that builds limits keeps compiling.
 *
 * <p>The defaults ({@link #defaults()}) are the product's: 5 s wall-clock timeout, 10 s compile timeout, 256 MiB of
 * memory with no swap, 50 processes, 1 CPU, 50 KB of code (all files together), 1 MiB per output stream, 16 MiB of
 * stdin (all test cases together), 64 MiB of writable workspace and 64 test cases. A request may lower some of them
 * through {@link LimitOverrides}, never raise them.
 */
public final class Limits {

    private static final long MIB = 1024 * 1024;
    private static final Duration MAX_DURATION = Duration.ofMinutes(10);
    private static final Limits DEFAULTS = new Builder().build();

    private final Duration timeout;
    private final Duration compileTimeout;
    private final long memoryBytes;
    private final int maxProcesses;
    private final double cpus;
    private final int maxCodeBytes;
    private final int maxOutputBytes;
    private final int maxStdinBytes;
    private final long workspaceBytes;
    private final int maxTestCases;

    private Limits(Builder b) {
        requireDuration("timeout", b.timeout);
        requireDuration("compileTimeout", b.compileTimeout);
        requireRange("memoryBytes", b.memoryBytes, 16 * MIB, 64L * 1024 * MIB);
        requireRange("maxProcesses", b.maxProcesses, 8, 10_000);
        if (!(b.cpus >= 0.01 && b.cpus <= 256)) {
            throw new IllegalArgumentException("cpus must be between 0.01 and 256, was " + b.cpus);
        }
        requireRange("maxCodeBytes", b.maxCodeBytes, 1, 16 * MIB);
        requireRange("maxOutputBytes", b.maxOutputBytes, 1, 64 * MIB);
        requireRange("maxStdinBytes", b.maxStdinBytes, 0, 256 * MIB);
        requireRange("workspaceBytes", b.workspaceBytes, MIB, 16L * 1024 * MIB);
        requireRange("maxTestCases", b.maxTestCases, 1, ExecutionRequest.MAX_TEST_CASES);
        this.timeout = b.timeout;
        this.compileTimeout = b.compileTimeout;
        this.memoryBytes = b.memoryBytes;
        this.maxProcesses = b.maxProcesses;
        this.cpus = b.cpus;
        this.maxCodeBytes = b.maxCodeBytes;
        this.maxOutputBytes = b.maxOutputBytes;
        this.maxStdinBytes = b.maxStdinBytes;
        this.workspaceBytes = b.workspaceBytes;
        this.maxTestCases = b.maxTestCases;
    }

    /** Wall-clock time the program may run (each test case, in judge mode), compile time excluded. */
    public Duration timeout() {
        return timeout;
    }

    /** Wall-clock time the compile step may take (compiled languages only). */
    public Duration compileTimeout() {
        return compileTimeout;
    }

    /** Memory of the whole container; swap is never allowed on top of it. */
    public long memoryBytes() {
        return memoryBytes;
    }

    /** Processes and threads the container may hold at once, the runner's included. */
    public int maxProcesses() {
        return maxProcesses;
    }

    /** CPU share the container is throttled to (1.0 = one core). */
    public double cpus() {
        return cpus;
    }

    /** UTF-8 size of the code and every file together above which a request is rejected before any container exists. */
    public int maxCodeBytes() {
        return maxCodeBytes;
    }

    /**
     * Bytes kept per output stream (stdout, stderr, compile output) of a run; one byte more stops the program. In
     * judge mode with many cases each case gets {@code min(maxOutputBytes, 8 * maxOutputBytes / cases)}, so that a
     * submission never holds more than 16 times this in all.
     */
    public int maxOutputBytes() {
        return maxOutputBytes;
    }

    /** UTF-8 size of the stdin (or of all test case inputs together) above which a request is rejected. */
    public int maxStdinBytes() {
        return maxStdinBytes;
    }

    /**
     * Size of the writable, executable workspace (a tmpfs; {@code /tmp} gets the same size, not executable). Both
     * count against {@link #memoryBytes()}.
     */
    public long workspaceBytes() {
        return workspaceBytes;
    }

    /** The most test cases one request may carry. */
    public int maxTestCases() {
        return maxTestCases;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Limits l && timeout.equals(l.timeout) && compileTimeout.equals(l.compileTimeout)
                && memoryBytes == l.memoryBytes && maxProcesses == l.maxProcesses
                && Double.compare(cpus, l.cpus) == 0 && maxCodeBytes == l.maxCodeBytes
                && maxOutputBytes == l.maxOutputBytes && maxStdinBytes == l.maxStdinBytes
                && workspaceBytes == l.workspaceBytes && maxTestCases == l.maxTestCases;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeout, compileTimeout, memoryBytes, maxProcesses, cpus, maxCodeBytes, maxOutputBytes,
                maxStdinBytes, workspaceBytes, maxTestCases);
    }

    @Override
    public String toString() {
        return "Limits[timeout=" + timeout + ", compileTimeout=" + compileTimeout + ", memoryBytes=" + memoryBytes
                + ", maxProcesses=" + maxProcesses + ", cpus=" + cpus + ", maxCodeBytes=" + maxCodeBytes
                + ", maxOutputBytes=" + maxOutputBytes + ", maxStdinBytes=" + maxStdinBytes + ", workspaceBytes="
                + workspaceBytes + ", maxTestCases=" + maxTestCases + "]";
    }

    /** The product defaults described above. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /**
     * Checks the sizes of {@code request} against these limits: its code and files ({@link #maxCodeBytes()}), its
     * number of test cases ({@link #maxTestCases()}) and its input, stdin or all test case inputs together
     * ({@link #maxStdinBytes()}), each counted in UTF-8 bytes. Apply the request's overrides first
     * ({@link #narrowedBy(LimitOverrides)}). A sandbox runs this before it creates anything; a queue runs it at
     * submission so that the submitter hears of an oversized request at once.
     *
     * @throws InvalidRequestException naming the size and the limit it exceeds
     */
    public void check(ExecutionRequest request) {
        long codeBytes = utf8Length(request.code());
        for (SourceFile file : request.files()) {
            codeBytes += utf8Length(file.content());
        }
        if (codeBytes > maxCodeBytes) {
            throw new InvalidRequestException((request.files().isEmpty() ? "code is " : "code and files are ")
                    + codeBytes + " bytes, more than the limit of " + maxCodeBytes + " bytes");
        }
        int cases = request.testCases().size();
        if (cases > maxTestCases) {
            throw new InvalidRequestException("at most " + maxTestCases + " test cases are allowed, got " + cases);
        }
        long stdinBytes = cases == 0 ? utf8Length(request.stdin())
                : request.testCases().stream().mapToLong(testCase -> utf8Length(testCase.input())).sum();
        if (stdinBytes > maxStdinBytes) {
            throw new InvalidRequestException((cases == 0 ? "stdin is " : "the test case inputs are ") + stdinBytes
                    + " bytes, more than the limit of " + maxStdinBytes + " bytes");
        }
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
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
        private int maxTestCases;

        private Builder() {
            timeout = Duration.ofSeconds(5);
            compileTimeout = Duration.ofSeconds(10);
            memoryBytes = 256 * MIB;
            maxProcesses = 50;
            cpus = 1.0;
            maxCodeBytes = 50_000;
            maxOutputBytes = (int) MIB;
            maxStdinBytes = 16 * (int) MIB;
            workspaceBytes = 64 * MIB;
            maxTestCases = 64;
        }

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
            maxTestCases = from.maxTestCases;
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

        /** Largest accepted source code (all files together) in UTF-8 bytes; default 50,000. */
        public Builder maxCodeBytes(int maxCodeBytes) {
            this.maxCodeBytes = maxCodeBytes;
            return this;
        }

        /** Bytes kept per output stream; default 1 MiB. */
        public Builder maxOutputBytes(int maxOutputBytes) {
            this.maxOutputBytes = maxOutputBytes;
            return this;
        }

        /** Largest accepted stdin (all test case inputs together) in UTF-8 bytes; default 16 MiB. */
        public Builder maxStdinBytes(int maxStdinBytes) {
            this.maxStdinBytes = maxStdinBytes;
            return this;
        }

        /** Size of the writable workspace and of {@code /tmp}; default 64 MiB. */
        public Builder workspaceBytes(long workspaceBytes) {
            this.workspaceBytes = workspaceBytes;
            return this;
        }

        /** The most test cases one request may carry; default 64, at most {@value ExecutionRequest#MAX_TEST_CASES}. */
        public Builder maxTestCases(int maxTestCases) {
            this.maxTestCases = maxTestCases;
            return this;
        }

        /** @throws IllegalArgumentException if a value breaks its rule */
        public Limits build() {
            return new Limits(this);
        }
    }
}
