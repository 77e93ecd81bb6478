package dev.jsandbox.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the requests being served and, once draining, refuses new ones with 503 while those finish: a load
 * balancer sees the refusal (and the readiness probe's 503) and sends traffic elsewhere, and no execution that
 * was admitted is cut short before its grace period ends.
 */
final class Draining {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;
    private volatile boolean draining;

    /** Root handler, before authentication: a draining server has nothing to offer anyone but its liveness. */
    void handle(RoutingContext ctx) {
        if (draining && !ctx.request().path().equals(SandboxApi.LIVE_PATH)) {
            ctx.response().putHeader("Connection", "close").putHeader("Retry-After", "5");
            Problems.send(ctx, 503, Problems.Type.SHUTTING_DOWN, "the server is shutting down; retry on another"
                    + " instance or in a moment");
            return;
        }
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
        ctx.addEndHandler(ended -> {
            lock.lock();
            try {
                if (--inFlight == 0) {
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
        });
        ctx.next();
    }

    /** From now on, new requests are refused; {@link #drain} waits for the ones admitted. */
    void startDraining() {
        draining = true;
    }

    boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        long remaining = grace.toNanos();
        lock.lock();
        try {
            while (inFlight > 0) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = idle.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
