package dev.jsandbox.docker.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon threads in a thread group that logs uncaught exceptions at debug level.
 *
 * <p>Why: docker-java copies an attached stdin on a thread it creates itself (inheriting the creator's group) and
 * lets the socket's IOException escape when a container dies before reading all of its stdin - which is normal
 * here (a program that never reads its 10 MB of input). Starting attaches from this group keeps that expected
 * event out of the application's stderr.
 */
public final class QuietThreads {

    private static final Logger LOG = LoggerFactory.getLogger(QuietThreads.class);
    static final ThreadGroup GROUP = new ThreadGroup("jsandbox") {
        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            LOG.debug("thread {} ended with {}", thread.getName(), e.toString());
        }
    };

    private QuietThreads() {
    }

    /** Daemon threads named {@code name-N} in the quiet group. */
    public static ThreadFactory factory(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(GROUP, runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
