package dev.jsandbox.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an execution did. Output is decoded as UTF-8; invalid bytes (and a character cut by truncation) become
 * U+FFFD. Every figure comes from the kernel, the container's cgroup or the sandbox's own clocks and counters, never
 * from what the program printed.
 *
 * <p>Built with {@link #builder(ExecutionStatus)}; new fields are added to the builder with a default, so code that
 * builds results (a {@link CodeSandbox} of your own, a test double) keeps compiling.
 *
 * <p><b>Exit code.</b> Always a number, as a shell or {@code docker run} reports it: the program's own status when it
 * exits; {@code 128 + N} when signal N ended it (134 for an abort, 139 for a segmentation fault); 137 ({@code 128 +
 * SIGKILL}) when the sandbox killed it at the deadline, at an output cap or the kernel killed it for memory; the
 * compiler's status (or {@code 128 + N}) when compilation failed, and 137 when compilation timed out.
 *
 * <p><b>Test cases.</b> When the request had {@linkplain ExecutionRequest#testCases() test cases}, {@link #testCases()}
 * holds one result per case that ran and {@link #verdict()} judges them; the run fields of this result (status, exit
 * code, output, times, memory) are then those of the first case that was not accepted, or of the last case when all
 * were.
 */
public final class ExecutionResult {

    private final ExecutionStatus status;
    private final String stdout;
    private final String stderr;
    private final int exitCode;
    private final @Nullable Integer signal;
    private final Duration wallTime;
    private final @Nullable Duration cpuTime;
    private final @Nullable Long peakMemoryBytes;
    private final boolean stdoutTruncated;
    private final boolean stderrTruncated;
    private final boolean oomKilled;
    private final String compileOutput;
    private final Duration compileTime;
    private final boolean compileOutputTruncated;
    private final @Nullable Long compilePeakMemoryBytes;
    private final List<TestCaseResult> testCases;
    private final int totalTestCases;
    private final @Nullable Verdict verdict;
    private final Duration queueWait;

    private ExecutionResult(Builder b) {
        this.status = b.status;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.exitCode = b.exitCode;
        this.signal = b.signal;
        this.wallTime = b.wallTime;
        this.cpuTime = b.cpuTime;
        this.peakMemoryBytes = b.peakMemoryBytes;
        this.stdoutTruncated = b.stdoutTruncated;
        this.stderrTruncated = b.stderrTruncated;
        this.oomKilled = b.oomKilled;
        this.compileOutput = b.compileOutput;
        this.compileTime = b.compileTime;
        this.compileOutputTruncated = b.compileOutputTruncated;
        this.compilePeakMemoryBytes = b.compilePeakMemoryBytes;
        this.testCases = List.copyOf(b.testCases);
        this.totalTestCases = b.totalTestCases == null ? testCases.size() : b.totalTestCases;
        if (totalTestCases < testCases.size()) {
            throw new IllegalArgumentException("totalTestCases (" + totalTestCases
                    + ") must not be less than the number of test case results (" + testCases.size() + ")");
        }
        this.verdict = b.verdict;
        this.queueWait = b.queueWait;
    }

    /** A builder for a result with this status; every other field has the default its setter documents. */
    public static Builder builder(ExecutionStatus status) {
        return new Builder(status);
    }

    /** A builder that starts from this result. */
    public Builder toBuilder() {
        Builder builder = new Builder(status).stdout(stdout).stderr(stderr).exitCode(exitCode).signal(signal).wallTime(wallTime)
                .cpuTime(cpuTime).peakMemoryBytes(peakMemoryBytes).stdoutTruncated(stdoutTruncated)
                .stderrTruncated(stderrTruncated).oomKilled(oomKilled).compileOutput(compileOutput)
                .compileTime(compileTime).compileOutputTruncated(compileOutputTruncated)
                .compilePeakMemoryBytes(compilePeakMemoryBytes).testCases(testCases).verdict(verdict)
                .queueWait(queueWait);
        // Only a count that differs from the results is carried over: a run's result (0 of 0) made into a judged
        // one by giving it test cases must not keep its 0.
        return totalTestCases == testCases.size() ? builder : builder.totalTestCases(totalTestCases);
    }

    /** How the execution ended. */
    public ExecutionStatus status() {
        return status;
    }

    /** The program's standard output, at most {@link Limits#maxOutputBytes()} bytes. */
    public String stdout() {
        return stdout;
    }

    /** The program's standard error, at most {@link Limits#maxOutputBytes()} bytes. */
    public String stderr() {
        return stderr;
    }

    /** The exit code, always a number; see the class description for the table. */
    public int exitCode() {
        return exitCode;
    }

    /** The number of the signal that ended the program (9 for SIGKILL, 11 for SIGSEGV...); null otherwise. */
    public @Nullable Integer signal() {
        return signal;
    }

    /** Wall-clock time of the program's run, compile time excluded; zero when it never ran. */
    public Duration wallTime() {
        return wallTime;
    }

    /** User plus system CPU time of the run's processes; null when the program never ran. */
    public @Nullable Duration cpuTime() {
        return cpuTime;
    }

    /**
     * The run's peak memory in bytes: the container's memory high-water mark (its cgroup's {@code memory.peak} or
     * {@code memory.max_usage_in_bytes}: the program's processes, the files it wrote to the tmpfs areas, and the
     * sandbox's runner, about 1 MiB) when the run raised it; when an earlier step (the compiler, an earlier test
     * case) had raised it higher, the largest resident set among the run's main process and the children it waited
     * for, as the kernel accounts it. Null when the program never ran.
     */
    public @Nullable Long peakMemoryBytes() {
        return peakMemoryBytes;
    }

    /** True when stdout was cut at the limit. */
    public boolean stdoutTruncated() {
        return stdoutTruncated;
    }

    /** True when stderr was cut at the limit. */
    public boolean stderrTruncated() {
        return stderrTruncated;
    }

    /** True when the kernel killed a process of the run for exceeding the memory limit (the cgroup's count rose). */
    public boolean oomKilled() {
        return oomKilled;
    }

    /** The compiler's output (warnings and errors); empty for interpreted languages. */
    public String compileOutput() {
        return compileOutput;
    }

    /** Wall-clock time of the compile step; zero for interpreted languages. */
    public Duration compileTime() {
        return compileTime;
    }

    /** True when the compiler's output was cut at the limit. */
    public boolean compileOutputTruncated() {
        return compileOutputTruncated;
    }

    /** The compile step's peak memory in bytes, measured as {@link #peakMemoryBytes()}; null without compile step. */
    public @Nullable Long compilePeakMemoryBytes() {
        return compilePeakMemoryBytes;
    }

    /** One result per test case that ran, in the request's order; empty without test cases or when none ran. */
    public List<TestCaseResult> testCases() {
        return testCases;
    }

    /**
     * How many test cases the request had; 0 without test cases. {@link #testCases()} holds fewer results when
     * the program did not compile (none ran), so this is what "passed out of how many" counts against.
     */
    public int totalTestCases() {
        return totalTestCases;
    }

    /** The judgement of the test cases; null when the request had none. */
    public @Nullable Verdict verdict() {
        return verdict;
    }

    /**
     * How long the execution waited for a free slot of the sandbox before its container was taken; not part of any
     * time limit. Zero when it did not wait (or for a result that was not built by a sandbox).
     */
    public Duration queueWait() {
        return queueWait;
    }

    /** How many test cases passed (had an expected output and matched it). */
    public long passedTestCases() {
        return testCases.stream().filter(c -> Boolean.TRUE.equals(c.passed())).count();
    }

    /** True when the program ran and exited with code 0 (and, with test cases, the verdict is accepted). */
    public boolean isSuccess() {
        return status == ExecutionStatus.SUCCESS && (verdict == null || verdict == Verdict.ACCEPTED);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionResult r && status == r.status && exitCode == r.exitCode
                && stdoutTruncated == r.stdoutTruncated && stderrTruncated == r.stderrTruncated
                && oomKilled == r.oomKilled && compileOutputTruncated == r.compileOutputTruncated
                && stdout.equals(r.stdout) && stderr.equals(r.stderr) && Objects.equals(signal, r.signal)
                && wallTime.equals(r.wallTime) && Objects.equals(cpuTime, r.cpuTime)
                && Objects.equals(peakMemoryBytes, r.peakMemoryBytes) && compileOutput.equals(r.compileOutput)
                && compileTime.equals(r.compileTime) && Objects.equals(compilePeakMemoryBytes, r.compilePeakMemoryBytes)
                && testCases.equals(r.testCases) && totalTestCases == r.totalTestCases && verdict == r.verdict
                && queueWait.equals(r.queueWait);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, stdout, stderr, exitCode, signal, wallTime, cpuTime, peakMemoryBytes, compileOutput,
                compileTime, testCases, verdict);
    }

    /** A summary without output: status, exit code, signal, times, memory and verdict. */
    @Override
    public String toString() {
        return "ExecutionResult[status=" + status + ", exitCode=" + exitCode + ", signal=" + signal + ", wallTime="
                + wallTime + ", cpuTime=" + cpuTime + ", peakMemoryBytes=" + peakMemoryBytes + ", stdout="
                + stdout.length() + " chars, stderr=" + stderr.length() + " chars, compileTime=" + compileTime
                + ", testCases=" + testCases.size() + ", verdict=" + verdict + ", queueWait=" + queueWait + "]";
    }

    /** Builds an {@link ExecutionResult}; setters document their defaults. */
    public static final class Builder {
        private final ExecutionStatus status;
        private String stdout = "";
        private String stderr = "";
        private int exitCode;
        private @Nullable Integer signal;
        private Duration wallTime = Duration.ZERO;
        private @Nullable Duration cpuTime;
        private @Nullable Long peakMemoryBytes;
        private boolean stdoutTruncated;
        private boolean stderrTruncated;
        private boolean oomKilled;
        private String compileOutput = "";
        private Duration compileTime = Duration.ZERO;
        private boolean compileOutputTruncated;
        private @Nullable Long compilePeakMemoryBytes;
        private List<TestCaseResult> testCases = List.of();
        private @Nullable Integer totalTestCases;
        private @Nullable Verdict verdict;
        private Duration queueWait = Duration.ZERO;

        private Builder(ExecutionStatus status) {
            this.status = Objects.requireNonNull(status, "status");
        }

        /** Default empty. */
        public Builder stdout(String stdout) {
            this.stdout = Objects.requireNonNull(stdout, "stdout");
            return this;
        }

        /** Default empty. */
        public Builder stderr(String stderr) {
            this.stderr = Objects.requireNonNull(stderr, "stderr");
            return this;
        }

        /** Default 0. */
        public Builder exitCode(int exitCode) {
            this.exitCode = exitCode;
            return this;
        }

        /** Default null (no signal). */
        public Builder signal(@Nullable Integer signal) {
            this.signal = signal;
            return this;
        }

        /** Default zero. */
        public Builder wallTime(Duration wallTime) {
            this.wallTime = Objects.requireNonNull(wallTime, "wallTime");
            return this;
        }

        /** Default null (not measured). */
        public Builder cpuTime(@Nullable Duration cpuTime) {
            this.cpuTime = cpuTime;
            return this;
        }

        /** Default null (not measured). */
        public Builder peakMemoryBytes(@Nullable Long peakMemoryBytes) {
            this.peakMemoryBytes = peakMemoryBytes;
            return this;
        }

        /** Default false. */
        public Builder stdoutTruncated(boolean stdoutTruncated) {
            this.stdoutTruncated = stdoutTruncated;
            return this;
        }

        /** Default false. */
        public Builder stderrTruncated(boolean stderrTruncated) {
            this.stderrTruncated = stderrTruncated;
            return this;
        }

        /** Default false. */
        public Builder oomKilled(boolean oomKilled) {
            this.oomKilled = oomKilled;
            return this;
        }

        /** Default empty. */
        public Builder compileOutput(String compileOutput) {
            this.compileOutput = Objects.requireNonNull(compileOutput, "compileOutput");
            return this;
        }

        /** Default zero. */
        public Builder compileTime(Duration compileTime) {
            this.compileTime = Objects.requireNonNull(compileTime, "compileTime");
            return this;
        }

        /** Default false. */
        public Builder compileOutputTruncated(boolean compileOutputTruncated) {
            this.compileOutputTruncated = compileOutputTruncated;
            return this;
        }

        /** Default null (no compile step). */
        public Builder compilePeakMemoryBytes(@Nullable Long compilePeakMemoryBytes) {
            this.compilePeakMemoryBytes = compilePeakMemoryBytes;
            return this;
        }

        /** Default none. */
        public Builder testCases(List<TestCaseResult> testCases) {
            this.testCases = List.copyOf(testCases);
            return this;
        }

        /**
         * Default: as many as {@link #testCases(List)} were given; must not be fewer.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder totalTestCases(int totalTestCases) {
            if (totalTestCases < 0) {
                throw new IllegalArgumentException("totalTestCases must not be negative, was " + totalTestCases);
            }
            this.totalTestCases = totalTestCases;
            return this;
        }

        /** Default null (the request had no test cases). */
        public Builder verdict(@Nullable Verdict verdict) {
            this.verdict = verdict;
            return this;
        }

        /** Default zero. */
        public Builder queueWait(Duration queueWait) {
            this.queueWait = Objects.requireNonNull(queueWait, "queueWait");
            return this;
        }

        /** The result. */
        public ExecutionResult build() {
            return new ExecutionResult(this);
        }
    }
}
