package dev.jsandbox.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Receives a container's attached output and decodes the runner's frames (see {@code docker/base/runner/runner.c}):
 * the compiler's output and report, then each run's stdout, stderr and report, then the end of the job. The
 * container's stderr carries only the runner's own diagnostics.
 *
 * <p>Memory is bounded whatever happens: the runner cuts every stream at its cap, and this collector keeps no more
 * than the cap of any stream even if a runner sent more (it then marks the stream truncated).
 */
final class RunnerOutputCollector extends ResultCallback.Adapter<Frame> {

    /** How much of the runner's own diagnostics is kept (an escaped excerpt of it may reach an exception message). */
    static final int MAX_DIAGNOSTICS = 4096;
    private static final int HEADER = 5;

    private final int runCap;
    private final @Nullable LiveOutput live;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // Frame decoding state.
    private final byte[] header = new byte[HEADER];
    private int headerFill;
    private int payloadLeft = -1;
    private byte payloadType;
    private final BoundedBuffer reportPayload = new BoundedBuffer(512);

    private final BoundedBuffer compileOutput;
    private @Nullable RunnerReport compile;
    private BoundedBuffer stdout;
    private BoundedBuffer stderr;
    private final List<Run> runs = new ArrayList<>();
    private final BoundedBuffer diagnostics = new BoundedBuffer(MAX_DIAGNOSTICS);
    private boolean jobEnded;
    private boolean streamEnded;
    private boolean protocolBroken;
    private @Nullable Throwable failure;

    /** One finished run: what it printed and how it ended. */
    record Run(byte[] stdout, boolean stdoutCut, byte[] stderr, boolean stderrCut, RunnerReport report) {

        /** This run with the engine's record of an OOM kill in its report (see ContainerExecution). */
        Run withEngineOomKill() {
            return new Run(stdout, stdoutCut, stderr, stderrCut, report.withEngineOomKill());
        }
    }

    RunnerOutputCollector(int compileCap, int runCap) {
        this(compileCap, runCap, null);
    }

    /** A collector that also passes every byte it keeps to {@code live} as it arrives, when not null. */
    RunnerOutputCollector(int compileCap, int runCap, @Nullable LiveOutput live) {
        this.live = live;
        this.runCap = runCap;
        this.compileOutput = new BoundedBuffer(compileCap);
        this.stdout = new BoundedBuffer(runCap);
        this.stderr = new BoundedBuffer(runCap);
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
                diagnostics.append(payload, 0, payload.length);
            } else if (frame.getStreamType() == StreamType.STDOUT || frame.getStreamType() == StreamType.RAW) {
                decode(payload);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void decode(byte[] data) {
        int offset = 0;
        while (offset < data.length && !protocolBroken) {
            if (payloadLeft < 0) {
                int take = Math.min(HEADER - headerFill, data.length - offset);
                System.arraycopy(data, offset, header, headerFill, take);
                headerFill += take;
                offset += take;
                if (headerFill == HEADER) {
                    headerFill = 0;
                    payloadType = header[0];
                    payloadLeft = ((header[1] & 0xff) << 24) | ((header[2] & 0xff) << 16) | ((header[3] & 0xff) << 8)
                            | (header[4] & 0xff);
                    if (payloadLeft < 0 || jobEnded) {
                        protocolBroken = true;
                        return;
                    }
                    reportPayload.clear();
                    if (payloadLeft == 0) {
                        endOfPayload();
                    }
                }
                continue;
            }
            int take = Math.min(payloadLeft, data.length - offset);
            payloadChunk(data, offset, take);
            offset += take;
            payloadLeft -= take;
            if (payloadLeft == 0) {
                endOfPayload();
            }
        }
    }

    private void payloadChunk(byte[] data, int offset, int length) {
        switch (payloadType) {
            case 'c' -> keep(compileOutput, LiveOutput.Stream.COMPILE, data, offset, length);
            case 'o' -> keep(stdout, LiveOutput.Stream.STDOUT, data, offset, length);
            case 'e' -> keep(stderr, LiveOutput.Stream.STDERR, data, offset, length);
            case 'C', 'R' -> reportPayload.append(data, offset, length);
            default -> protocolBroken = true;
        }
    }

    /** Keeps what fits the cap, and passes on exactly that: the live listener never sees more than the result. */
    private void keep(BoundedBuffer buffer, LiveOutput.Stream stream, byte[] data, int offset, int length) {
        int before = buffer.size();
        buffer.append(data, offset, length);
        if (live != null) {
            live.append(stream, data, offset, buffer.size() - before);
        }
    }

    private void endOfPayload() {
        payloadLeft = -1;
        switch (payloadType) {
            case 'C' -> {
                stepEnded();
                compile = RunnerReport.parse(reportPayload.toByteArray());
                protocolBroken |= compile == null;
            }
            case 'R' -> {
                stepEnded();
                RunnerReport report = RunnerReport.parse(reportPayload.toByteArray());
                if (report == null) {
                    protocolBroken = true;
                    return;
                }
                runs.add(new Run(stdout.toByteArray(), report.stdoutTruncated() || stdout.overflowed(),
                        stderr.toByteArray(), report.stderrTruncated() || stderr.overflowed(), report));
                stdout = new BoundedBuffer(runCap);
                stderr = new BoundedBuffer(runCap);
            }
            case 'E' -> jobEnded = true;
            default -> {
                // a chunk of output: nothing to finish
            }
        }
    }

    private void stepEnded() {
        if (live != null) {
            live.stepEnded();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        lock.lock();
        try {
            failure = throwable;
            streamEnded = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete() {
        lock.lock();
        try {
            streamEnded = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the job ended, the stream ended, the runner broke the protocol, or the deadline passed.
     *
     * @return true unless the deadline passed first
     */
    boolean awaitEnd(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = deadlineNanos - System.nanoTime();
            while (!jobEnded && !streamEnded && !protocolBroken && left > 0) {
                left = changed.awaitNanos(left);
            }
            return jobEnded || streamEnded || protocolBroken;
        } finally {
            lock.unlock();
        }
    }

    /** Waits at most the given time for the stream to end (after the container was killed). */
    void awaitStreamEnd(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            long left = deadline - System.nanoTime();
            while (!streamEnded && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of what was received so far. */
    Snapshot snapshot() {
        lock.lock();
        try {
            return new Snapshot(compile, compileOutput.toByteArray(), compileOutput.overflowed(), List.copyOf(runs),
                    new Run(stdout.toByteArray(), stdout.overflowed(), stderr.toByteArray(), stderr.overflowed(),
                            NOT_REPORTED),
                    jobEnded, protocolBroken, diagnostics.toByteArray(), failure);
        } finally {
            lock.unlock();
        }
    }

    private static final RunnerReport NOT_REPORTED = new RunnerReport(-1, 0, false, java.time.Duration.ZERO,
            java.time.Duration.ZERO, -1, -1, -1, -1, false, false, false);

    /**
     * Everything received, by meaning.
     *
     * @param compile the compile report, null when there is no compile step or it did not report (yet)
     * @param runs the runs that reported, in order
     * @param unfinished what the run in progress printed so far (its report is a placeholder)
     * @param jobEnded true once the runner said the job is over
     * @param protocolBroken true when the stream held something no runner of this version writes
     * @param diagnostics the runner's own messages on the container's stderr
     * @param failure why the stream failed, when it did
     */
    record Snapshot(@Nullable RunnerReport compile, byte[] compileOutput, boolean compileOutputCut, List<Run> runs,
            Run unfinished, boolean jobEnded, boolean protocolBroken, byte[] diagnostics, @Nullable Throwable failure) {

        /** This snapshot with its run at {@code index} replaced. */
        Snapshot withRun(int index, Run run) {
            List<Run> replaced = new ArrayList<>(runs);
            replaced.set(index, run);
            return new Snapshot(compile, compileOutput, compileOutputCut, List.copyOf(replaced), unfinished, jobEnded,
                    protocolBroken, diagnostics, failure);
        }
    }
}
