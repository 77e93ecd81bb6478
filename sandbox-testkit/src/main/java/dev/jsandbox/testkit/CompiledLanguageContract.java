package dev.jsandbox.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;

/** The conformance kit for languages with a compile step: {@link LanguageRuntimeContract} plus the compile cases. */
public abstract class CompiledLanguageContract extends LanguageRuntimeContract {

    /** Code that does not compile because of an error on line 2 (and nowhere else). */
    protected abstract String compileErrorOnLine2();

    @Override
    protected void addCases(List<DynamicTest> cases) {
        addCase(cases, "reports a compile error with its line and does not run", compileErrorOnLine2(),
                this::reportsACompileErrorWithItsLineAndDoesNotRun);
        addCase(cases, "reports the compile time separately", helloWorld(), this::reportsTheCompileTimeSeparately);
    }

    private void reportsACompileErrorWithItsLineAndDoesNotRun(String code) {
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().matches("(?s).*\\D2\\D.*"), () -> describe(result));
        assertEquals("", result.stdout());
        assertNotEquals(0, result.exitCode(), "the compiler's own status: " + describe(result));
        assertNull(result.peakMemoryBytes(), "nothing ran");
        assertNotNull(result.compilePeakMemoryBytes(), () -> describe(result));
        assertEquals(Duration.ZERO, result.wallTime());
    }

    private void reportsTheCompileTimeSeparately(String code) {
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertFalse(result.compileTime().isZero(), () -> describe(result));
    }
}
