package dev.jsandbox.api;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an execution did. Output is decoded as UTF-8; invalid bytes (and a character cut by truncation) become
 * U+FFFD.
 *
 * @param status how the execution ended
 * @param stdout the program's standard output, at most {@link Limits#maxOutputBytes()} bytes
 * @param stderr the program's standard error, at most {@link Limits#maxOutputBytes()} bytes
 * @param exitCode the program's exit code; null when it was killed by a signal, timed out or never ran
 * @param signal the number of the signal that killed the program (9 for SIGKILL, 11 for SIGSEGV...); null otherwise
 * @param wallTime wall-clock time of the program's run, compile time excluded; zero when it never ran
 * @param cpuTime user plus system CPU time of the run's processes, when it could be measured; null otherwise
 * @param compileOutput the compiler's output (warnings and errors); empty for interpreted languages
 * @param compileTime wall-clock time of the compile step; zero for interpreted languages
 * @param stdoutTruncated true when stdout was cut at the limit
 * @param stderrTruncated true when stderr was cut at the limit
 * @param oomKilled true when the engine killed a process of the execution for exceeding the memory limit
 */
public record ExecutionResult(
        ExecutionStatus status,
        String stdout,
        String stderr,
        @Nullable Integer exitCode,
        @Nullable Integer signal,
        Duration wallTime,
        @Nullable Duration cpuTime,
        String compileOutput,
        Duration compileTime,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        boolean oomKilled) {

    /** Requires every non-nullable component. */
    public ExecutionResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(compileOutput, "compileOutput");
        Objects.requireNonNull(compileTime, "compileTime");
    }

    /** True when the program ran and exited with code 0. */
    public boolean isSuccess() {
        return status == ExecutionStatus.SUCCESS;
    }
}
