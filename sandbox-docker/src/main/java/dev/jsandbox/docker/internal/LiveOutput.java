package dev.jsandbox.docker.internal;

import dev.jsandbox.api.OutputListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a running program's output to an {@link OutputListener} on a thread of its own, so that neither the
 * container nor the engine's stream ever waits for the listener.
 *
 * <p>The stream's thread only appends bytes to a queue and returns. The delivery thread takes everything queued at
 * once: when the listener is slow, consecutive bytes of one stream are coalesced into one larger chunk. Memory stays
 * bounded by the output caps: the collector passes on only bytes it keeps for the result itself, so the queue never
 * holds more than the result will.
 *
 * <p>Bytes become text per stream with UTF-8, holding back the incomplete character at a chunk's end until its
 * remaining bytes arrive (a character split between two frames stays one character); what is still held back when a
 * step ends is decoded as the result decodes it.
 */
public final class LiveOutput {

    private static final Logger LOG = LoggerFactory.getLogger(LiveOutput.class);

    /** Which of the listener's streams a piece belongs to. */
    enum Stream { COMPILE, STDOUT, STDERR, STEP_END }

    private record Piece(Stream stream, ByteArrayOutputStream bytes) {
    }

    private final OutputListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final ArrayDeque<Piece> queue = new ArrayDeque<>();
    private boolean finished;
    private volatile boolean cancelled;
    private final Future<?> delivery;

    // Owned by the delivery thread: bytes of a character whose end has not arrived yet, per stream.
    private final byte[][] heldBack = new byte[Stream.values().length][];
    private boolean listenerFailed;

    /** Starts delivering to {@code listener} on one of {@code threads}. */
    public LiveOutput(OutputListener listener, ExecutorService threads) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.delivery = threads.submit(this::deliverUntilFinished);
    }

    /** Queues bytes of one stream; never blocks for the listener. */
    void append(Stream stream, byte[] data, int offset, int length) {
        if (length <= 0 || cancelled) {
            return;
        }
        lock.lock();
        try {
            Piece last = queue.peekLast();
            if (last == null || last.stream() != stream) {
                last = new Piece(stream, new ByteArrayOutputStream(Math.max(32, length)));
                queue.addLast(last);
            }
            last.bytes().write(data, offset, length);
            queued.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A step (the compiler, or one run) ended: what it held back of a character will never be completed. */
    void stepEnded() {
        lock.lock();
        try {
            if (queue.isEmpty() || queue.peekLast().stream() != Stream.STEP_END) {
                queue.addLast(new Piece(Stream.STEP_END, new ByteArrayOutputStream(0)));
            }
            queued.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * No more output will come: waits until the listener was given everything.
     *
     * @throws InterruptedException if the caller was interrupted while waiting; the delivery is then cancelled
     */
    public void finish() throws InterruptedException {
        lock.lock();
        try {
            finished = true;
            queued.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            delivery.get();
        } catch (ExecutionException e) {
            LOG.debug("output delivery failed: {}", e.getCause().getClass().getName());
        } catch (InterruptedException e) {
            cancel();
            throw e;
        }
    }

    /** Stops delivering at once (the execution failed, or its caller gave up); idempotent. */
    public void cancel() {
        cancelled = true;
        lock.lock();
        try {
            queue.clear();
            queued.signalAll();
        } finally {
            lock.unlock();
        }
        delivery.cancel(true);
    }

    private void deliverUntilFinished() {
        while (!cancelled) {
            Piece[] pieces;
            boolean last;
            lock.lock();
            try {
                while (queue.isEmpty() && !finished) {
                    queued.awaitUninterruptibly();
                    if (cancelled) {
                        return;
                    }
                }
                pieces = queue.toArray(Piece[]::new);
                queue.clear();
                last = finished;
            } finally {
                lock.unlock();
            }
            for (Piece piece : pieces) {
                if (piece.stream() == Stream.STEP_END) {
                    flushHeldBack();
                } else {
                    deliver(piece.stream(), piece.bytes().toByteArray());
                }
            }
            if (last) {
                flushHeldBack();
                return;
            }
        }
    }

    private void deliver(Stream stream, byte[] fresh) {
        byte[] held = heldBack[stream.ordinal()];
        byte[] bytes = fresh;
        if (held != null) {
            bytes = new byte[held.length + fresh.length];
            System.arraycopy(held, 0, bytes, 0, held.length);
            System.arraycopy(fresh, 0, bytes, held.length, fresh.length);
        }
        int complete = bytes.length - incompleteTail(bytes);
        heldBack[stream.ordinal()] = complete == bytes.length ? null
                : java.util.Arrays.copyOfRange(bytes, complete, bytes.length);
        if (complete > 0) {
            call(stream, new String(bytes, 0, complete, StandardCharsets.UTF_8));
        }
    }

    private void flushHeldBack() {
        for (Stream stream : Stream.values()) {
            byte[] held = heldBack[stream.ordinal()];
            if (held != null) {
                heldBack[stream.ordinal()] = null;
                call(stream, new String(held, StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * How many bytes at the end are the start of a UTF-8 character whose remaining bytes are still to come: at most
     * 3, and 0 when the bytes end on a complete character (or on bytes that no continuation could make valid).
     */
    static int incompleteTail(byte[] bytes) {
        for (int back = 1; back <= Math.min(3, bytes.length); back++) {
            int b = bytes[bytes.length - back] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue; // a continuation byte: its lead is further back
            }
            int needed = (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 1;
            return needed > back ? back : 0;
        }
        return 0;
    }

    private void call(Stream stream, String text) {
        if (listenerFailed || cancelled || text.isEmpty()) {
            return;
        }
        try {
            switch (stream) {
                case COMPILE -> listener.onCompileOutput(text);
                case STDOUT -> listener.onStdout(text);
                case STDERR -> listener.onStderr(text);
                default -> throw new IllegalStateException("not a stream of text: " + stream);
            }
        } catch (RuntimeException e) {
            // Only the class: the message could quote the program's output, which never reaches a log.
            LOG.debug("an output listener threw {}; it is called no more, the execution goes on",
                    e.getClass().getName());
            listenerFailed = true;
        }
    }
}
