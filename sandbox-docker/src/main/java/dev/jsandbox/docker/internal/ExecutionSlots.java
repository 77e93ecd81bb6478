package dev.jsandbox.docker.internal;

import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.SandboxBusyException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's one admission model: a fixed number of executions run at once, a bounded number of callers wait
 * for a slot in arrival order, and a caller beyond both is refused at once with {@link SandboxBusyException}.
 * Bounding the wait keeps an overloaded sandbox from holding an unbounded number of threads and requests.
 */
public final class ExecutionSlots {

    private final int maxRunning;
    private final int maxQueued;
    private final Duration retryAfter;
    private final Semaphore slots;
    private final AtomicInteger queued = new AtomicInteger();

    /**
     * @param maxRunning executions at once, at least 1
     * @param maxQueued callers that may wait for a slot, at least 0
     * @param retryAfter what a refused caller is told to wait
     */
    public ExecutionSlots(int maxRunning, int maxQueued, Duration retryAfter) {
        this.maxRunning = maxRunning;
        this.maxQueued = maxQueued;
        this.retryAfter = retryAfter;
        this.slots = new Semaphore(maxRunning, true);
    }

    /**
     * Takes a slot, waiting behind earlier callers when all are taken.
     *
     * @throws SandboxBusyException when every slot is taken and the queue is full
     * @throws ExecutionInterruptedException when interrupted while waiting (the interrupt flag is set again)
     */
    public void acquire() {
        try {
            // tryAcquire with a timeout honours fairness; the plain one would overtake callers already waiting.
            if (slots.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return;
            }
            if (queued.incrementAndGet() > maxQueued) {
                queued.decrementAndGet();
                throw new SandboxBusyException("all " + maxRunning + " execution slots are taken and " + maxQueued
                        + " calls are already waiting; retry in about " + retryAfter.toSeconds() + " s",
                        retryAfter);
            }
            try {
                slots.acquire();
            } finally {
                queued.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionInterruptedException("interrupted while waiting for an execution slot", e);
        }
    }

    /** Gives back a slot taken by {@link #acquire()}. */
    public void release() {
        slots.release();
    }

    /** Executions holding a slot now. */
    public int running() {
        return maxRunning - slots.availablePermits();
    }

    /** Callers waiting for a slot now. */
    public int queued() {
        return queued.get();
    }

    public int maxRunning() {
        return maxRunning;
    }

    public int maxQueued() {
        return maxQueued;
    }
}
