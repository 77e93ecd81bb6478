package dev.jsandbox.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.TestCase;
import dev.jsandbox.api.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;

/**
 * The conformance kit for languages with a compile step: {@link LanguageRuntimeContract} plus the compile cases,
 * among them judge mode with code that does not compile ({@link Verdict#COMPILE_ERROR}, no case run).
 */
public abstract class CompiledLanguageContract extends LanguageRuntimeContract {

    /** Code that does not compile because of an error on line 2 (and nowhere else). */
    protected abstract String compileErrorOnLine2();

    @Override
    protected void addCases(List<DynamicTest> cases) {
        addCase(cases, "reports a compile error with its line and does not run", compileErrorOnLine2(),
                this::reportsACompileErrorWithItsLineAndDoesNotRun);
        addCase(cases, "reports the compile time separately", helloWorld(), this::reportsTheCompileTimeSeparately);
        addCase(cases, "judges code that does not compile without running a case", compileErrorOnLine2(),
                this::judgesCodeThatDoesNotCompileWithoutRunningACase);
    }

    @Override
    void addWarmComparisons(List<WarmStageCheck.Comparison> comparisons) {
        super.addWarmComparisons(comparisons);
        addComparison(comparisons, "compile error", compileErrorOnLine2(), request -> request, false);
    }

    private void reportsACompileErrorWithItsLineAndDoesNotRun(String code) {
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().matches("(?s).*\\D2\\D.*"), () -> describe(result));
        assertEquals("", result.stdout());
        assertNotEquals(0, result.exitCode(), () -> "the compiler's own status: " + describe(result));
        assertNull(result.peakMemoryBytes(), "nothing ran");
        assertNotNull(result.compilePeakMemoryBytes(), () -> describe(result));
        assertEquals(Duration.ZERO, result.wallTime());
    }

    private void judgesCodeThatDoesNotCompileWithoutRunningACase(String code) {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder(language(), code)
                .testCase(TestCase.of("2 3\n", "5\n"))
                .testCase(TestCase.of("40 2\n", "42\n"))
                .build());
        assertEquals(Verdict.COMPILE_ERROR, result.verdict(), () -> describe(result));
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertEquals(List.of(), result.testCases(), () -> describe(result));
        assertEquals(0, result.passedTestCases());
        assertEquals(Duration.ZERO, result.wallTime());
    }

    private void reportsTheCompileTimeSeparately(String code) {
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertFalse(result.compileTime().isZero(), () -> describe(result));
    }
}
