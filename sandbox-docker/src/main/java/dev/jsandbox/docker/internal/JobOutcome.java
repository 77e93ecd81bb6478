package dev.jsandbox.docker.internal;

import dev.jsandbox.api.ExecutionResult;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one job did in its container, before it is shaped into the caller's {@link ExecutionResult}.
 *
 * @param compileFailure the result when the compile step failed or timed out (no run happened); null otherwise
 * @param compileOutput the compiler's output
 * @param compileOutputTruncated true when it was cut at the cap
 * @param compileTime how long the compile step took; zero without one
 * @param compilePeakMemoryBytes the compile step's peak memory; null without one
 * @param runs one result per run that happened, in order (only run fields are set); fewer than asked when a run
 *     ended the job (the host's deadline, the memory killer taking the runner)
 * @param warmStart true when the container's warm process took the job's first step (see runner.c)
 */
public record JobOutcome(@Nullable ExecutionResult compileFailure, String compileOutput, boolean compileOutputTruncated,
        Duration compileTime, @Nullable Long compilePeakMemoryBytes, List<ExecutionResult> runs, boolean warmStart) {
}
