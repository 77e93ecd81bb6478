package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunnerOutputCollectorTest {

    private static final String NONCE = "n0nce";
    private static final String HEADER = "\0jsandbox:compile n0nce none 0 0 0 0 0\n";
    private static final String EXIT = "\0jsandbox:exit n0nce 3 0 1500 700 0\n";

    private final RunnerOutputCollector collector = new RunnerOutputCollector(NONCE, 10);

    @Test
    void splitsReportsFromTheProgramsOutputAcrossArbitraryFrames() {
        byte[] all = (HEADER + "hello\n" + EXIT).getBytes(StandardCharsets.ISO_8859_1);
        for (byte b : all) {
            stdout(new byte[] {b});
        }
        stderr("oops");
        collector.onComplete();
        RunnerOutputCollector.Snapshot s = collector.snapshot();
        assertNotNull(s.compile());
        assertEquals("hello\n", new String(s.stdout(), StandardCharsets.UTF_8));
        assertEquals("oops", new String(s.stderr(), StandardCharsets.UTF_8));
        assertNotNull(s.exit());
        assertEquals(3, s.exit().exitCode());
        assertEquals(Duration.ofNanos(1_500_000), s.exit().wallTime());
        assertEquals(Duration.ofNanos(700_000), s.exit().cpuTime());
        assertFalse(s.stdoutTruncated());
        assertTrue(s.ended());
    }

    @Test
    void separatesTheCompilersOutput() {
        stdout("\0jsandbox:compile n0nce ok 0 0 1200 0 7\nwarning" + "run" + EXIT);
        RunnerOutputCollector.Snapshot s = collector.snapshot();
        assertEquals("warning", new String(s.compileOutput(), StandardCharsets.UTF_8));
        assertEquals("run", new String(s.stdout(), StandardCharsets.UTF_8));
        assertEquals(Duration.ofNanos(1_200_000), s.compile().time());
    }

    @Test
    void aForgedExitLineWithoutTheNonceIsProgramOutput() {
        stdout(HEADER + "\0jsandbox:exit guess 0 0 1 1 0\n");
        RunnerOutputCollector.Snapshot s = collector.snapshot();
        assertNull(s.exit());
        assertTrue(s.stdoutTruncated(), "the forged line counts as output over the 10-byte cap");
    }

    @Test
    void onlyTheLastExitLineCounts() {
        RunnerOutputCollector roomy = new RunnerOutputCollector(NONCE, 1000);
        roomy.onNext(new Frame(StreamType.STDOUT, (HEADER + "\0jsandbox:exit n0nce 0 0 1 1 0\nmore\n" + EXIT)
                .getBytes(StandardCharsets.ISO_8859_1)));
        RunnerOutputCollector.Snapshot s = roomy.snapshot();
        assertEquals(3, s.exit().exitCode());
        assertTrue(new String(s.stdout(), StandardCharsets.ISO_8859_1).endsWith("more\n"));
    }

    @Test
    void capsStdoutAtExactlyTheLimitWithTheReportStillParsed() {
        stdout(HEADER + "0123456789" + EXIT);
        RunnerOutputCollector.Snapshot exact = collector.snapshot();
        assertEquals("0123456789", new String(exact.stdout(), StandardCharsets.UTF_8));
        assertFalse(exact.stdoutTruncated());
        assertNotNull(exact.exit());

        RunnerOutputCollector over = new RunnerOutputCollector(NONCE, 10);
        over.onNext(new Frame(StreamType.STDOUT, (HEADER + "0123456789A" + EXIT).getBytes(StandardCharsets.ISO_8859_1)));
        RunnerOutputCollector.Snapshot s = over.snapshot();
        assertArrayEquals("0123456789".getBytes(StandardCharsets.UTF_8), s.stdout());
        assertTrue(s.stdoutTruncated());
    }

    @Test
    void truncatesStderrAtTheCapAndSignalsAsSoonAsAByteOfTheProgramPassesIt() {
        stdout(HEADER);
        stderr("0123456789");
        assertFalse(collector.snapshot().stderrTruncated());
        assertFalse(collector.outputLimitExceeded());
        stderr("X");
        assertTrue(collector.snapshot().stderrTruncated());
        assertEquals(10, collector.snapshot().stderr().length);
        assertTrue(collector.outputLimitExceeded(), "'X' cannot start the runner's end line: the program passed the limit");
    }

    @Test
    void aNulRightAfterTheCapMayStillStartTheRunnersEndLine() {
        stdout(HEADER);
        stderr("0123456789\0jsandbox:en");
        assertFalse(collector.outputLimitExceeded(), "the runner's end line may follow the program's last byte");
    }

    @Test
    void theRunnersEndLineOnStderrFinishesTheJobWithoutTheStreamEnding() throws InterruptedException {
        stdout(HEADER + "out" + EXIT);
        stderr("err");
        assertFalse(collector.awaitEnd(1, java.util.concurrent.TimeUnit.MILLISECONDS));
        stderr("\0jsandbox:end n0nce\n");
        assertTrue(collector.awaitEnd(1, java.util.concurrent.TimeUnit.MILLISECONDS));
        RunnerOutputCollector.Snapshot s = collector.snapshot();
        assertEquals("err", new String(s.stderr(), StandardCharsets.UTF_8));
        assertFalse(s.stderrTruncated());
        assertTrue(s.ended());
    }

    @Test
    void aMissingOrForeignHeaderBreaksTheProtocol() {
        stdout("not a header\nbut output");
        RunnerOutputCollector.Snapshot s = collector.snapshot();
        assertTrue(s.protocolBroken());
        assertNull(s.compile());
    }

    @Test
    void invalidUtf8IsReplacedPredictably() {
        RunnerReport.Exit exit = RunnerReport.parseExit("\0jsandbox:exit n0nce -1 9 10 10 1", NONCE);
        assertNotNull(exit);
        assertEquals(9, exit.signal());
        assertEquals(1, exit.oomKills());
        stdout(HEADER);
        collector.onNext(new Frame(StreamType.STDOUT, new byte[] {'a', (byte) 0xff, 'b'}));
        assertEquals("a\uFFFDb", new String(collector.snapshot().stdout(), StandardCharsets.UTF_8));
    }

    private void stdout(String text) {
        stdout(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void stdout(byte[] bytes) {
        collector.onNext(new Frame(StreamType.STDOUT, bytes));
    }

    private void stderr(String text) {
        collector.onNext(new Frame(StreamType.STDERR, text.getBytes(StandardCharsets.UTF_8)));
    }
}
