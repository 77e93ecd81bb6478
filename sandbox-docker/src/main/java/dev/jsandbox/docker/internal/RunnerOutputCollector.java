package dev.jsandbox.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Receives a container's attached output and splits it into the runner's compile report, the compiler's output,
 * the program's stdout and stderr, and the runner's exit report.
 *
 * <p>Memory is bounded whatever the program writes: each stream keeps at most its limit (plus room for the exit
 * report on stdout), and the first byte over a limit marks the execution as over its output limit so that the
 * caller can kill the container at once.
 */
final class RunnerOutputCollector extends ResultCallback.Adapter<Frame> {

    private final String nonce;
    private final int maxOutputBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private final ByteArrayOutputStream headerLine = new ByteArrayOutputStream();
    private RunnerReport.@Nullable Compile compile;
    private long compileHeaderNanos;
    private @Nullable BoundedBuffer compileOutput;
    private final BoundedBuffer stdout;
    private final BoundedBuffer stderr;
    private boolean protocolBroken;
    private boolean ended;
    private @Nullable Throwable failure;

    RunnerOutputCollector(String nonce, int maxOutputBytes) {
        this.nonce = nonce;
        this.maxOutputBytes = maxOutputBytes;
        this.stdout = new BoundedBuffer(maxOutputBytes + RunnerReport.MAX_LINE);
        this.stderr = new BoundedBuffer(maxOutputBytes);
    }

    @Override
    public void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        if (payload == null || payload.length == 0) {
            return;
        }
        lock.lock();
        try {
            if (frame.getStreamType() == StreamType.STDERR) {
                stderr.append(payload, 0, payload.length);
            } else {
                acceptStdout(payload);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void acceptStdout(byte[] payload) {
        int offset = 0;
        while (offset < payload.length && compileOutputPending()) {
            offset = acceptReport(payload, offset);
        }
        if (offset < payload.length && !protocolBroken) {
            stdout.append(payload, offset, payload.length - offset);
        }
    }

    private boolean compileOutputPending() {
        if (protocolBroken) {
            return false;
        }
        return compile == null || compileOutput == null || compileOutput.size() < Math.min(compile.outputLength(), maxOutputBytes);
    }

    /** Consumes the compile report line and the compiler output that follows it; returns the new offset. */
    private int acceptReport(byte[] payload, int offset) {
        if (compile == null) {
            while (offset < payload.length) {
                byte b = payload[offset++];
                if (b == '\n') {
                    String line = new String(headerLine.toByteArray(), StandardCharsets.ISO_8859_1);
                    compile = RunnerReport.parseCompile(line, nonce);
                    if (compile == null) {
                        protocolBroken = true;
                        return payload.length;
                    }
                    compileHeaderNanos = System.nanoTime();
                    compileOutput = new BoundedBuffer(maxOutputBytes);
                    return offset;
                }
                headerLine.write(b);
                if (headerLine.size() > RunnerReport.MAX_LINE) {
                    protocolBroken = true;
                    return payload.length;
                }
            }
            return offset;
        }
        BoundedBuffer output = Objects.requireNonNull(compileOutput);
        int wanted = compile.outputLength() - output.size();
        int take = Math.min(wanted, payload.length - offset);
        output.append(payload, offset, take);
        return offset + take;
    }

    @Override
    public void onError(Throwable throwable) {
        lock.lock();
        try {
            failure = throwable;
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the stream ended, the compile report arrived (when {@code untilCompiled}), an output limit was
     * exceeded, or the deadline passed.
     *
     * @return the remaining nanoseconds until the deadline (≤ 0 when it passed)
     */
    long await(long deadlineNanos, boolean untilCompiled) throws InterruptedException {
        lock.lock();
        try {
            long left = deadlineNanos - System.nanoTime();
            while (!ended && !outputLimitExceeded() && !(untilCompiled && (compile != null || protocolBroken)) && left > 0) {
                left = changed.awaitNanos(left);
            }
            return deadlineNanos - System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the end of the stream, at most the given time; true when it ended. */
    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            long left = deadline - System.nanoTime();
            while (!ended && left > 0) {
                left = changed.awaitNanos(left);
            }
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of what was received so far. */
    Snapshot snapshot() {
        lock.lock();
        try {
            byte[] out = stdout.toByteArray();
            RunnerReport.Exit exit = null;
            int programBytes = out.length;
            if (!stdout.overflowed()) {
                int start = lastIndexOf(out, RunnerReport.EXIT_PREFIX.getBytes(StandardCharsets.ISO_8859_1),
                        Math.max(0, out.length - RunnerReport.MAX_LINE));
                if (start >= 0 && out[out.length - 1] == '\n') {
                    exit = RunnerReport.parseExit(RunnerReport.ascii(out, start, out.length - 1), nonce);
                    if (exit != null) {
                        programBytes = start;
                    }
                }
            }
            boolean stdoutTruncated = programBytes > maxOutputBytes || stdout.overflowed();
            byte[] program = stdout.head(Math.min(programBytes, maxOutputBytes));
            return new Snapshot(compile, compileOutput == null ? new byte[0] : compileOutput.toByteArray(),
                    compile != null && (compile.truncated() || compile.outputLength() > maxOutputBytes),
                    program, stdoutTruncated, stderr.toByteArray(), stderr.overflowed(), exit,
                    protocolBroken, ended, failure, compileHeaderNanos);
        } finally {
            lock.unlock();
        }
    }

    /** True once stdout or stderr received more than the output limit. */
    boolean outputLimitExceeded() {
        return stdout.overflowed() || stderr.overflowed();
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = haystack.length - needle.length; i >= from; i--) {
            int j = 0;
            while (j < needle.length && haystack[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }

    /** Everything received, split by meaning. */
    record Snapshot(
            RunnerReport.@Nullable Compile compile,
            byte[] compileOutput,
            boolean compileOutputTruncated,
            byte[] stdout,
            boolean stdoutTruncated,
            byte[] stderr,
            boolean stderrTruncated,
            RunnerReport.@Nullable Exit exit,
            boolean protocolBroken,
            boolean ended,
            @Nullable Throwable failure,
            long compileReportNanos) {
    }
}
