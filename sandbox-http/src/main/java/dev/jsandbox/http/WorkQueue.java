package dev.jsandbox.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of worker threads with a bounded waiting line, for blocking work that must not run on Netty's
 * event loop. Work beyond both is refused at once with {@link QueueFullException}, never left hanging.
 *
 * <p>Cancelling a returned future interrupts the work if it is running (which makes {@code CodeSandbox.execute}
 * remove its container) and frees its place if it is still waiting.
 */
final class WorkQueue {

    private final String name;
    private final int threads;
    private final int capacity;
    private final ThreadPoolExecutor executor;

    WorkQueue(String name, int threads, int capacity) {
        this.name = name;
        this.threads = threads;
        this.capacity = capacity;
        BlockingQueue<Runnable> waiting = capacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(capacity);
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, waiting, daemonThreads(name),
                new ThreadPoolExecutor.AbortPolicy());
        executor.prestartAllCoreThreads();
    }

    /**
     * Runs {@code work} on a worker thread.
     *
     * @throws QueueFullException when all workers are busy and the waiting line is full
     * @throws RejectedExecutionException when the queue is closed
     */
    <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Job task = new Job(result, () -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
            return null;
        });
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            if (executor.isShutdown()) {
                throw e;
            }
            throw new QueueFullException("all " + threads + " " + name + " slots are busy and " + capacity
                    + " requests are waiting");
        }
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                task.cancel(true);
                executor.remove(task);
            }
        });
        return result;
    }

    /** Work waiting for a thread. */
    int waiting() {
        return executor.getQueue().size();
    }

    /** Work that may wait at most. */
    int capacity() {
        return capacity;
    }

    /**
     * Refuses new work and lets running and waiting work finish for at most {@code graceMillis}; then interrupts
     * what runs and fails what waits with a {@link RejectedExecutionException}.
     */
    void close(long graceMillis) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                stopNow();
                executor.awaitTermination(Math.max(graceMillis, 1000), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            stopNow();
            Thread.currentThread().interrupt();
        }
    }

    private void stopNow() {
        for (Runnable never : executor.shutdownNow()) {
            ((Job) never).result.completeExceptionally(new RejectedExecutionException(name + " queue is closed"));
        }
    }

    /** A task that knows the future its caller waits on, so that a task dropped at shutdown can fail it. */
    private static final class Job extends FutureTask<Void> {
        final CompletableFuture<?> result;

        Job(CompletableFuture<?> result, Callable<Void> work) {
            super(work);
            this.result = result;
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "jsandbox-http-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
