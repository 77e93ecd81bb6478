package dev.jsandbox.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads on which the adapter makes the library's blocking calls, off Vert.x's event loop. No queue: a call
 * either gets a thread at once or is rejected, which the handlers answer with 429, so a flood of requests can
 * neither pile up unseen nor take more than {@code maxThreads} threads.
 */
final class BlockingCallThreads {

    private static final long IDLE_SECONDS = 30;

    private BlockingCallThreads() {
    }

    /** Threads named {@code namePrefix-N}, at most {@code maxThreads}, ended after 30 s without work. */
    static ExecutorService create(String namePrefix, int maxThreads) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, maxThreads, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, namePrefix + "-" + count.incrementAndGet());
                    // An embedding application must be able to exit even if it forgets close().
                    thread.setDaemon(true);
                    return thread;
                });
    }
}
