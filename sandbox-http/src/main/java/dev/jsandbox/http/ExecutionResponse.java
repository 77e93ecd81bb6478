package dev.jsandbox.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.TestCaseResult;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of a {@code 200} from {@code POST /api/execute}: the original system's four fields first, then what the
 * sandbox adds, then (judge mode only) the verdict and the cases. Times are whole milliseconds. The one place where
 * an {@link ExecutionResult} becomes JSON, so a new field of the result is one component here and one property in
 * {@code openapi.json}.
 */
@JsonPropertyOrder({"stdout", "stderr", "executionTime", "exitCode", "status", "signal", "compileOutput",
        "compileTime", "cpuTime", "stdoutTruncated", "stderrTruncated", "oomKilled", "peakMemoryBytes",
        "compileOutputTruncated", "compilePeakMemoryBytes", "verdict", "passed", "total", "testCases"})
record ExecutionResponse(String stdout, String stderr, long executionTime, int exitCode, String status,
        @Nullable Integer signal, String compileOutput, long compileTime, @Nullable Long cpuTime,
        boolean stdoutTruncated, boolean stderrTruncated, boolean oomKilled, @Nullable Long peakMemoryBytes,
        boolean compileOutputTruncated, @Nullable Long compilePeakMemoryBytes,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String verdict,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long passed,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer total,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<Case> testCases) {

    /** One test case's run; the same names as the response's run fields. */
    @JsonPropertyOrder({"index", "passed", "status", "exitCode", "signal", "stdout", "stderr", "executionTime",
            "cpuTime", "peakMemoryBytes", "stdoutTruncated", "stderrTruncated", "oomKilled"})
    record Case(int index, @Nullable Boolean passed, String status, int exitCode, @Nullable Integer signal,
            String stdout, String stderr, long executionTime, @Nullable Long cpuTime, @Nullable Long peakMemoryBytes,
            boolean stdoutTruncated, boolean stderrTruncated, boolean oomKilled) {

        static Case of(TestCaseResult testCase) {
            ExecutionResult r = testCase.result();
            return new Case(testCase.index(), testCase.passed(), r.status().name(), r.exitCode(), r.signal(),
                    r.stdout(), r.stderr(), r.wallTime().toMillis(), millis(r.cpuTime()), r.peakMemoryBytes(),
                    r.stdoutTruncated(), r.stderrTruncated(), r.oomKilled());
        }
    }

    /** The response for {@code result}. */
    static ExecutionResponse of(ExecutionResult result) {
        boolean judged = result.verdict() != null;
        return new ExecutionResponse(result.stdout(), result.stderr(), result.wallTime().toMillis(),
                result.exitCode(), result.status().name(), result.signal(), result.compileOutput(),
                result.compileTime().toMillis(), millis(result.cpuTime()), result.stdoutTruncated(),
                result.stderrTruncated(), result.oomKilled(), result.peakMemoryBytes(), result.compileOutputTruncated(),
                result.compilePeakMemoryBytes(), judged ? result.verdict().name() : null,
                judged ? result.passedTestCases() : null, judged ? result.totalTestCases() : null,
                judged ? result.testCases().stream().map(Case::of).toList() : null);
    }

    private static @Nullable Long millis(@Nullable Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
