package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.jsandbox.api.OutputListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveOutputTest {

    private static final String CLEAN_EXIT = "0 0 0 1500 1200 0 1000 9000 8000 0 0 0";
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** Records what a listener was given, per stream. */
    private static final class Recording implements OutputListener {
        final StringBuilder compile = new StringBuilder();
        final StringBuilder stdout = new StringBuilder();
        final StringBuilder stderr = new StringBuilder();
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onCompileOutput(String chunk) {
            compile.append(chunk);
            calls.add("c:" + chunk);
        }

        @Override
        public void onStdout(String chunk) {
            stdout.append(chunk);
            calls.add("o:" + chunk);
        }

        @Override
        public void onStderr(String chunk) {
            stderr.append(chunk);
            calls.add("e:" + chunk);
        }
    }

    @Test
    void aCharacterSplitBetweenFramesStaysOneCharacter() throws Exception {
        String text = "h\u00e9llo \u20ac \ud83d\ude00 \u4e16\u754c\n";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < utf8.length; cut++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            frame(stream, 'o', java.util.Arrays.copyOfRange(utf8, 0, cut));
            frame(stream, 'o', java.util.Arrays.copyOfRange(utf8, cut, utf8.length));
            frame(stream, 'R', CLEAN_EXIT.getBytes(StandardCharsets.US_ASCII));
            frame(stream, 'E', new byte[0]);
            Recording listener = new Recording();
            LiveOutput live = new LiveOutput(listener, threads);
            RunnerOutputCollector collector = new RunnerOutputCollector(1024, 1024, live);
            feed(collector, stream.toByteArray(), 1);
            live.finish();
            assertEquals(text, listener.stdout.toString(), "split after byte " + cut);
            assertFalse(listener.stdout.toString().contains("\ufffd"));
        }
    }

    @Test
    void aCharacterNeverCompletedIsDecodedAsTheResultDecodesIt() throws Exception {
        byte[] truncated = {'a', (byte) 0xe2, (byte) 0x82};
        Recording listener = new Recording();
        LiveOutput live = new LiveOutput(listener, threads);
        live.append(LiveOutput.Stream.STDOUT, truncated, 0, truncated.length);
        live.stepEnded();
        live.finish();
        assertEquals(new String(truncated, StandardCharsets.UTF_8), listener.stdout.toString());
    }

    @Test
    void deliversEachStreamInOrderAndTheCompileOutputFirst() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        frame(stream, 'c', ascii("warning: x\n"));
        frame(stream, 'C', ascii("0 0 0 250000 240000 0 1000 50000 49000 0 0 0"));
        frame(stream, 'o', ascii("one\n"));
        frame(stream, 'e', ascii("oops\n"));
        frame(stream, 'o', ascii("two\n"));
        frame(stream, 'R', ascii(CLEAN_EXIT));
        frame(stream, 'E', new byte[0]);
        Recording listener = new Recording();
        LiveOutput live = new LiveOutput(listener, threads);
        feed(new RunnerOutputCollector(1024, 1024, live), stream.toByteArray(), 3);
        live.finish();
        assertEquals("warning: x\n", listener.compile.toString());
        assertEquals("one\ntwo\n", listener.stdout.toString());
        assertEquals("oops\n", listener.stderr.toString());
        assertTrue(listener.calls.get(0).startsWith("c:"));
    }

    @Test
    void theListenerSeesNoMoreThanTheCap() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        frame(stream, 'o', ascii("x".repeat(100)));
        frame(stream, 'R', ascii(CLEAN_EXIT));
        Recording listener = new Recording();
        LiveOutput live = new LiveOutput(listener, threads);
        feed(new RunnerOutputCollector(10, 10, live), stream.toByteArray(), 7);
        live.finish();
        assertEquals("x".repeat(10), listener.stdout.toString());
    }

    @Test
    void aSlowListenerNeverBlocksTheStreamAndGetsCoalescedChunks() throws Exception {
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recording recording = new Recording();
        OutputListener slow = new OutputListener() {
            @Override
            public void onStdout(String chunk) {
                recording.onStdout(chunk);
                inListener.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        LiveOutput live = new LiveOutput(slow, threads);
        byte[] first = ascii("first\n");
        live.append(LiveOutput.Stream.STDOUT, first, 0, first.length);
        assertTrue(inListener.await(10, TimeUnit.SECONDS));
        // The listener is stuck: appending must still return at once, each time.
        StringBuilder expected = new StringBuilder("first\n");
        for (int i = 0; i < 1000; i++) {
            byte[] line = ascii("line " + i + "\n");
            live.append(LiveOutput.Stream.STDOUT, line, 0, line.length);
            expected.append("line ").append(i).append('\n');
        }
        release.countDown();
        live.finish();
        assertEquals(expected.toString(), recording.stdout.toString());
        assertEquals(2, recording.calls.size(), "what arrived while the listener was busy came as one chunk");
    }

    @Test
    void aListenerThatThrowsIsCalledNoMoreAndFinishStillReturns() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        OutputListener throwing = new OutputListener() {
            @Override
            public void onStdout(String chunk) {
                seen.add(chunk);
                throw new IllegalStateException("listener bug");
            }
        };
        LiveOutput live = new LiveOutput(throwing, threads);
        byte[] a = ascii("a");
        live.append(LiveOutput.Stream.STDOUT, a, 0, 1);
        live.stepEnded();
        live.append(LiveOutput.Stream.STDOUT, a, 0, 1);
        live.finish();
        assertEquals(List.of("a"), seen);
    }

    @Test
    void incompleteTailCountsOnlyAStartedCharacter() {
        assertEquals(0, LiveOutput.incompleteTail(ascii("abc")));
        assertEquals(1, LiveOutput.incompleteTail(new byte[] {'a', (byte) 0xc3}));
        assertEquals(0, LiveOutput.incompleteTail(new byte[] {'a', (byte) 0xc3, (byte) 0xa9}));
        assertEquals(2, LiveOutput.incompleteTail(new byte[] {(byte) 0xe2, (byte) 0x82}));
        assertEquals(3, LiveOutput.incompleteTail(new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}));
        assertEquals(0, LiveOutput.incompleteTail(new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}));
        assertEquals(0, LiveOutput.incompleteTail(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80}));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void frame(ByteArrayOutputStream out, char type, byte[] bytes) {
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
