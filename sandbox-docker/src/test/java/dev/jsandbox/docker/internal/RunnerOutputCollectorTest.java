package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerOutputCollectorTest {

    private static final String CLEAN_EXIT = "0 0 0 1500 1200 0 1000 9000 8000 0 0 0";

    @Test
    void decodesFramesSplitAnywhere() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        frame(stream, 'c', "warning: x\n");
        frame(stream, 'C', "0 0 0 250000 240000 0 1000 50000 49000 0 0 0");
        frame(stream, 'o', "hel");
        frame(stream, 'e', "oops\n");
        frame(stream, 'o', "lo\n");
        frame(stream, 'R', CLEAN_EXIT);
        frame(stream, 'o', "second\n");
        frame(stream, 'R', "-1 11 0 10 10 0 9000 9000 4096 0 0 0");
        frame(stream, 'E', "");
        byte[] bytes = stream.toByteArray();
        for (int split = 1; split < bytes.length; split += 3) {
            RunnerOutputCollector collector = new RunnerOutputCollector(1024, 1024);
            feed(collector, bytes, split);
            RunnerOutputCollector.Snapshot done = collector.snapshot();
            assertTrue(done.jobEnded());
            assertFalse(done.protocolBroken());
            assertEquals("warning: x\n", new String(done.compileOutput(), StandardCharsets.UTF_8));
            assertNotNull(done.compile());
            assertEquals(Duration.ofMillis(250), done.compile().wallTime());
            assertEquals(2, done.runs().size());
            assertEquals("hello\n", new String(done.runs().get(0).stdout(), StandardCharsets.UTF_8));
            assertEquals("oops\n", new String(done.runs().get(0).stderr(), StandardCharsets.UTF_8));
            assertEquals("second\n", new String(done.runs().get(1).stdout(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void programTextThatLooksLikeAReportIsOutput() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        String forged = "\0jsandbox:exit 0 0 0\nR\0\0\0\u0003 E\0\0\0\0";
        frame(stream, 'o', forged);
        frame(stream, 'R', "1 0 0 10 10 0 1 2 3 0 0 0");
        frame(stream, 'E', "");
        RunnerOutputCollector collector = new RunnerOutputCollector(1024, 1024);
        feed(collector, stream.toByteArray(), 7);
        RunnerOutputCollector.Snapshot done = collector.snapshot();
        assertArrayEquals(forged.getBytes(StandardCharsets.UTF_8), done.runs().get(0).stdout());
        assertEquals(ExecutionStatus.RUNTIME_ERROR, ContainerExecution.runResult(done.runs().get(0)).status());
    }

    @Test
    void keepsNoMoreThanTheCapEvenIfARunnerSentMore() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        frame(stream, 'o', "x".repeat(100));
        frame(stream, 'R', CLEAN_EXIT);
        RunnerOutputCollector collector = new RunnerOutputCollector(10, 10);
        feed(collector, stream.toByteArray(), 1000);
        RunnerOutputCollector.Run run = collector.snapshot().runs().get(0);
        assertEquals(10, run.stdout().length);
        assertTrue(run.stdoutCut());
        assertEquals(ExecutionStatus.OUTPUT_LIMIT_EXCEEDED, ContainerExecution.runResult(run).status());
    }

    @Test
    void anUnknownFrameBreaksTheProtocol() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        frame(stream, 'Z', "?");
        RunnerOutputCollector collector = new RunnerOutputCollector(10, 10);
        feed(collector, stream.toByteArray(), 1000);
        assertTrue(collector.snapshot().protocolBroken());
    }

    @Test
    void runnerDiagnosticsAreKeptApartAndBounded() {
        RunnerOutputCollector collector = new RunnerOutputCollector(10, 10);
        byte[] noise = "d".repeat(RunnerOutputCollector.MAX_DIAGNOSTICS * 2).getBytes(StandardCharsets.UTF_8);
        collector.onNext(new Frame(StreamType.STDERR, noise));
        RunnerOutputCollector.Snapshot done = collector.snapshot();
        assertEquals(RunnerOutputCollector.MAX_DIAGNOSTICS, done.diagnostics().length);
        assertTrue(done.runs().isEmpty());
    }

    @Test
    void statusAndExitCodeComeFromTheReport() {
        assertResult("0 0 0 1 1 0 1 2 3 0 0 0", ExecutionStatus.SUCCESS, 0, null);
        assertResult("3 0 0 1 1 0 1 2 3 0 0 0", ExecutionStatus.RUNTIME_ERROR, 3, null);
        assertResult("-1 6 0 1 1 0 1 2 3 0 0 0", ExecutionStatus.RUNTIME_ERROR, 134, 6);
        assertResult("-1 11 0 1 1 0 1 2 3 0 0 0", ExecutionStatus.RUNTIME_ERROR, 139, 11);
        assertResult("-1 9 1 1 1 0 1 2 3 0 0 0", ExecutionStatus.TIMEOUT, 137, 9);
        assertResult("-1 9 0 1 1 1 1 2 3 0 0 0", ExecutionStatus.MEMORY_LIMIT_EXCEEDED, 137, 9);
        assertResult("0 0 0 1 1 1 1 2 3 0 0 0", ExecutionStatus.MEMORY_LIMIT_EXCEEDED, 0, null);
        assertResult("-1 9 0 1 1 0 1 2 3 1 0 0", ExecutionStatus.OUTPUT_LIMIT_EXCEEDED, 137, 9);
    }

    @Test
    void peakMemoryIsTheCgroupHighWaterMarkWhenTheRunRaisedItElseTheLargestResidentSet() {
        assertEquals(9000L, RunnerReport.parse(bytes(CLEAN_EXIT)).peakMemoryBytes());
        assertEquals(4096L, RunnerReport.parse(bytes("0 0 0 1 1 0 9000 9000 4096 0 0 0")).peakMemoryBytes());
        assertEquals(4096L, RunnerReport.parse(bytes("0 0 0 1 1 -1 -1 -1 4096 0 0 0")).peakMemoryBytes());
        assertNull(RunnerReport.parse(bytes("0 0 0 1 1")));
        assertNull(RunnerReport.parse(bytes("0 0 0 1 1 0 x 2 3 0 0 0")));
    }

    @Test
    void theLastFieldSaysWhetherTheWarmProcessTookTheStep() {
        assertTrue(RunnerReport.parse(bytes("0 0 0 1 1 0 1 2 3 0 0 1")).warm());
        assertFalse(RunnerReport.parse(bytes(CLEAN_EXIT)).warm());
        assertNull(RunnerReport.parse(bytes("0 0 0 1 1 0 1 2 3 0 0")), "a report of protocol 2 is not one");
    }

    @Test
    void onlyAFailedStepWhoseOomCountIsUnknownTakesTheEnginesRecord() {
        // Fields: exit, signal, timed out, wall us, cpu us, OOM kills (-1: no cgroup counter, as under gVisor), ...
        RunnerReport exitedOne = RunnerReport.parse(bytes("1 0 0 1 1 -1 -1 -1 3 0 0 0"));
        assertTrue(exitedOne.failedWithOomUnknown());
        assertFalse(RunnerReport.parse(bytes("0 0 0 1 1 -1 -1 -1 3 0 0 0")).failedWithOomUnknown(), "it succeeded");
        assertFalse(RunnerReport.parse(bytes("1 0 0 1 1 0 1 2 3 0 0 0")).failedWithOomUnknown(), "the cgroup said 0");
        assertResult("1 0 0 1 1 -1 -1 -1 3 0 0 0", ExecutionStatus.RUNTIME_ERROR, 1, null);
        ExecutionResult marked = ContainerExecution.runResult(new RunnerOutputCollector.Run(new byte[0], false,
                new byte[0], false, exitedOne).withEngineOomKill());
        assertEquals(ExecutionStatus.MEMORY_LIMIT_EXCEEDED, marked.status());
        assertTrue(marked.oomKilled());
        assertEquals(1, marked.exitCode(), "the exit status stays the kernel's");
    }

    @Test
    void theEnginesOomRecordGoesToTheOnlyRunOrTheOnlyFailedOne() {
        RunnerOutputCollector.Run exited0 = run("0 0 0 1 1 -1 -1 -1 3 0 0 0");
        RunnerOutputCollector.Run exited1 = run("1 0 0 1 1 -1 -1 -1 3 0 0 0");
        assertEquals(0, ContainerExecution.oomTaker(List.of(exited0)), "a killed child, the parent exited 0");
        assertEquals(-1, ContainerExecution.oomTaker(List.of(run("0 0 0 1 1 0 1 2 3 0 0 0"))), "the cgroup counted");
        assertEquals(1, ContainerExecution.oomTaker(List.of(exited0, exited1, exited0)));
        assertEquals(-1, ContainerExecution.oomTaker(List.of(exited1, exited0, exited1)), "which one cannot be told");
        assertEquals(-1, ContainerExecution.oomTaker(List.of(exited0, exited0)));
    }

    private static RunnerOutputCollector.Run run(String report) {
        return new RunnerOutputCollector.Run(new byte[0], false, new byte[0], false, RunnerReport.parse(bytes(report)));
    }

    @Test
    void excerptsAreShortAndEscaped() {
        String excerpt = ContainerExecution.excerpt(("bad\u0000\n\u001b[31m" + "y".repeat(500)).getBytes(StandardCharsets.UTF_8));
        assertTrue(excerpt.startsWith("bad\\x00\\x0a\\x1b[31m"), excerpt);
        assertTrue(excerpt.length() < 260, excerpt);
        assertTrue(excerpt.endsWith("..."), excerpt);
    }

    private static void assertResult(String report, ExecutionStatus status, int exitCode, Integer signal) {
        RunnerReport parsed = RunnerReport.parse(bytes(report));
        assertNotNull(parsed, report);
        ExecutionResult result = ContainerExecution.runResult(new RunnerOutputCollector.Run(new byte[0],
                parsed.stdoutTruncated(), new byte[0], parsed.stderrTruncated(), parsed));
        assertEquals(status, result.status(), report);
        assertEquals(exitCode, result.exitCode(), report);
        assertEquals(signal, result.signal(), report);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void frame(ByteArrayOutputStream out, char type, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        out.write(type);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static void feed(RunnerOutputCollector collector, byte[] bytes, int chunk) {
        for (int i = 0; i < bytes.length; i += chunk) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk));
            collector.onNext(new Frame(StreamType.STDOUT, part));
        }
    }
}
