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
    private boolean exitSeen;
    private boolean endSeen;
    private boolean ended;
    private @Nullable Throwable failure;

    RunnerOutputCollector(String nonce, int maxOutputBytes) {
        this.nonce = nonce;
        this.maxOutputBytes = maxOutputBytes;
        this.stdout = new BoundedBuffer(maxOutputBytes + RunnerReport.MAX_LINE);
        this.stderr = new BoundedBuffer(maxOutputBytes + RunnerReport.MAX_LINE);
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
                endSeen = endSeen || (endsWithNewline(payload) && !stderr.overflowed()
                        && RunnerReport.isEnd(lastReportLine(stderr.tail(RunnerReport.MAX_LINE)), nonce));
            } else {
                acceptStdout(payload);
                exitSeen = exitSeen || (endsWithNewline(payload) && !stdout.overflowed()
                        && RunnerReport.parseExit(lastReportLine(stdout.tail(RunnerReport.MAX_LINE)), nonce) != null);
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

    private static boolean endsWithNewline(byte[] payload) {
        return payload[payload.length - 1] == '\n';
    }

    /**
     * The runner's report line at the end of a stream's tail (from its leading NUL to before the final newline), or
     * "" when the tail does not end with one. The program's last bytes need not end with a newline.
     */
    private static String lastReportLine(byte[] tail) {
        int end = tail.length - 1;
        if (end < 0 || tail[end] != '\n') {
            return "";
        }
        for (int i = end - 1; i >= 0; i--) {
            if (tail[i] == 0) {
                return RunnerReport.ascii(tail, i, end);
            }
        }
        return "";
    }

    /** True once the runner reported the whole job: nothing more will arrive, the container may still be stopping. */
    private boolean finished() {
        boolean stdoutDone = exitSeen || (compile != null && (compile.failed() || compile.timedOut())
                && !compileOutputPending());
        return stdoutDone && endSeen;
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
            while (!ended && !finished() && !outputLimitExceeded()
                    && !(untilCompiled && (compile != null || protocolBroken)) && left > 0) {
                left = changed.awaitNanos(left);
            }
            return deadlineNanos - System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the runner reported the end of the job or the stream ended, at most the given time; true when
     * either happened.
     */
    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            long left = deadline - System.nanoTime();
            while (!ended && !finished() && left > 0) {
                left = changed.awaitNanos(left);
            }
            return ended || finished();
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of what was received so far. */
    Snapshot snapshot() {
        lock.lock();
        try {
            RunnerReport.Exit exit = null;
            int programBytes = stdout.size();
            if (!stdout.overflowed()) {
                String line = lastReportLine(stdout.tail(RunnerReport.MAX_LINE));
                exit = RunnerReport.parseExit(line, nonce);
                if (exit != null) {
                    programBytes -= line.length() + 1;
                }
            }
            boolean stdoutTruncated = programBytes > maxOutputBytes || stdout.overflowed();
            byte[] program = stdout.head(Math.min(programBytes, maxOutputBytes));
            int errorBytes = stderr.size();
            if (endSeen) {
                errorBytes -= RunnerReport.END_PREFIX.length() + nonce.length() + 1;
            }
            boolean stderrTruncated = errorBytes > maxOutputBytes || stderr.overflowed();
            return new Snapshot(compile, compileOutput == null ? new byte[0] : compileOutput.toByteArray(),
                    compile != null && (compile.truncated() || compile.outputLength() > maxOutputBytes),
                    program, stdoutTruncated, stderr.head(Math.min(errorBytes, maxOutputBytes)), stderrTruncated,
                    exit, protocolBroken, ended || finished(), failure, compileHeaderNanos);
        } finally {
            lock.unlock();
        }
    }

    /**
     * True once stdout or stderr holds more program output than the limit. The buffers keep room for the runner's
     * last line after the limit; a byte past the limit that does not start that line (a NUL) is the program's.
     */
    boolean outputLimitExceeded() {
        lock.lock();
        try {
            return stdout.overflowed() || stderr.overflowed() || pastLimit(stdout) || pastLimit(stderr);
        } finally {
            lock.unlock();
        }
    }

    private boolean pastLimit(BoundedBuffer stream) {
        return stream.size() > maxOutputBytes && stream.byteAt(maxOutputBytes) != 0;
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
