package dev.jsandbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionResultTest {

    @Test
    void builderHasDocumentedDefaults() {
        ExecutionResult result = ExecutionResult.builder(ExecutionStatus.SUCCESS).build();
        assertEquals("", result.stdout());
        assertEquals(0, result.exitCode());
        assertNull(result.signal());
        assertEquals(Duration.ZERO, result.wallTime());
        assertNull(result.peakMemoryBytes());
        assertEquals(List.of(), result.testCases());
        assertEquals(0, result.totalTestCases());
        assertNull(result.verdict());
        assertTrue(result.isSuccess());
    }

    @Test
    void totalTestCasesDefaultsToTheResultsAndMayNotBeFewer() {
        TestCaseResult ran = new TestCaseResult(0, ExecutionResult.builder(ExecutionStatus.SUCCESS).build(), true);
        assertEquals(1, ExecutionResult.builder(ExecutionStatus.SUCCESS).testCases(List.of(ran)).build()
                .totalTestCases());
        assertEquals(4, ExecutionResult.builder(ExecutionStatus.COMPILE_ERROR).totalTestCases(4).build()
                .totalTestCases());
        assertThrows(IllegalArgumentException.class,
                () -> ExecutionResult.builder(ExecutionStatus.SUCCESS).testCases(List.of(ran)).totalTestCases(0)
                        .build());
        assertThrows(IllegalArgumentException.class,
                () -> ExecutionResult.builder(ExecutionStatus.SUCCESS).totalTestCases(-1));
    }

    @Test
    void toBuilderCopiesEveryField() {
        ExecutionResult result = ExecutionResult.builder(ExecutionStatus.RUNTIME_ERROR).stdout("o").stderr("e")
                .exitCode(139).signal(11).wallTime(Duration.ofMillis(5)).cpuTime(Duration.ofMillis(4))
                .peakMemoryBytes(1024L).stdoutTruncated(true).stderrTruncated(true).oomKilled(true)
                .compileOutput("w").compileTime(Duration.ofMillis(3)).compileOutputTruncated(true)
                .compilePeakMemoryBytes(2048L).totalTestCases(5).verdict(Verdict.RUNTIME_ERROR)
                .queueWait(Duration.ofMillis(7)).build();
        assertEquals(result, result.toBuilder().build());
        assertFalse(result.toString().contains("o\""));
    }

    @Test
    void verdictIsTheFirstCaseThatWasNotAccepted() {
        TestCaseResult passed = new TestCaseResult(0, ExecutionResult.builder(ExecutionStatus.SUCCESS).build(), true);
        TestCaseResult wrong = new TestCaseResult(1, ExecutionResult.builder(ExecutionStatus.SUCCESS).build(), false);
        TestCaseResult timedOut = new TestCaseResult(2, ExecutionResult.builder(ExecutionStatus.TIMEOUT).build(), false);
        TestCaseResult unchecked = new TestCaseResult(3, ExecutionResult.builder(ExecutionStatus.SUCCESS).build(), null);
        assertEquals(Verdict.ACCEPTED, Verdict.judge(List.of(passed, unchecked)));
        assertEquals(Verdict.WRONG_ANSWER, Verdict.judge(List.of(passed, wrong, timedOut)));
        assertEquals(Verdict.TIMEOUT, Verdict.judge(List.of(timedOut, wrong)));
        assertEquals(Verdict.RUNTIME_ERROR, Verdict.judge(List.of(
                new TestCaseResult(0, ExecutionResult.builder(ExecutionStatus.RUNTIME_ERROR).build(), null))));
    }

    @Test
    void comparisonsAreTheDocumentedOnes() {
        assertTrue(OutputComparison.LINES.matches("1\n2\n", "1  \r\n2\n\n\n"));
        assertTrue(OutputComparison.LINES.matches("3", "3\n"));
        assertFalse(OutputComparison.LINES.matches("1 2", "1  2"));
        assertFalse(OutputComparison.LINES.matches("a\n\nb", "a\nb"));
        assertTrue(OutputComparison.EXACT.matches("3\n", "3\n"));
        assertFalse(OutputComparison.EXACT.matches("3", "3\n"));
        assertTrue(OutputComparison.TOKENS.matches("1 2\n3", " 1\n2   3 \n"));
        assertFalse(OutputComparison.TOKENS.matches("1 2", "12"));
        assertTrue(OutputComparison.TOKENS.matches("", "\n \n"));
    }
}
