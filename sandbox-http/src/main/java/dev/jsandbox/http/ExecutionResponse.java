package dev.jsandbox.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.jsandbox.api.ExecutionResult;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The body of a {@code 200} from {@code POST /api/execute}: the original system's four fields first, then what the
 * sandbox adds. Times are whole milliseconds. The one place where an {@link ExecutionResult} becomes JSON, so a new
 * field of the result is one component here and one property in {@code openapi.json}.
 */
@JsonPropertyOrder({"stdout", "stderr", "executionTime", "exitCode", "status", "signal", "compileOutput",
        "compileTime", "cpuTime", "stdoutTruncated", "stderrTruncated", "oomKilled"})
record ExecutionResponse(String stdout, String stderr, long executionTime, @Nullable Integer exitCode, String status,
        @Nullable Integer signal, String compileOutput, long compileTime, @Nullable Long cpuTime,
        boolean stdoutTruncated, boolean stderrTruncated, boolean oomKilled) {

    static ExecutionResponse of(ExecutionResult result) {
        return new ExecutionResponse(result.stdout(), result.stderr(), result.wallTime().toMillis(),
                result.exitCode(), result.status().name(), result.signal(), result.compileOutput(),
                result.compileTime().toMillis(), millis(result.cpuTime()), result.stdoutTruncated(),
                result.stderrTruncated(), result.oomKilled());
    }

    private static @Nullable Long millis(@Nullable Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
