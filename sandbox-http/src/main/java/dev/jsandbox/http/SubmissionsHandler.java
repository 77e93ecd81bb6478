package dev.jsandbox.http;

import dev.jsandbox.api.CancelOutcome;
import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.Submission;
import dev.jsandbox.api.SubmissionQueue;
import io.vertx.core.Context;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/submissions}, after the OpenAPI validation: each call of the {@link SubmissionQueue} runs on a thread
 * of the handler's own (a queue may block: on its broker, or for {@code ?wait=N} up to {@value #MAX_WAIT_SECONDS}
 * seconds), never on the event loop nor in Vert.x's shared worker pool, which a few long polls would exhaust. When
 * the client's connection closes first, that thread is interrupted, which ends its wait.
 *
 * <p>Ids reach the queue only when {@linkplain SubmissionQueue#isWellFormedId well-formed}; any other id is
 * answered like an unknown one (404), since no submission can have it.
 */
final class SubmissionsHandler implements AutoCloseable {

    /** The longest long poll; a longer {@code wait} is refused by the OpenAPI document's range (400). */
    static final int MAX_WAIT_SECONDS = 30;
    /** Calls of the queue at once (mostly long polls, each holding a thread); past it, 429. */
    private static final int MAX_THREADS = 1024;
    private static final Duration RETRY_WHEN_BUSY = Duration.ofSeconds(1);

    private final SubmissionQueue queue;
    private final ExecutorService threads;
    /** The long polls in progress, ended early when the server drains. */
    private final Set<LongPoll> waits = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    SubmissionsHandler(SubmissionQueue queue) {
        this.queue = queue;
        this.threads = BlockingCallThreads.create("jsandbox-http-submissions", MAX_THREADS);
    }

    /** {@code POST /api/submissions}: 202 with the id, and its URL in {@code Location}. */
    void submit(RoutingContext ctx) {
        ExecutionRequest request;
        try {
            request = ExecuteBody.read(ctx.body().buffer().getBytes());
        } catch (InvalidRequestException e) {
            ctx.fail(e);
            return;
        }
        call(ctx, () -> queue.submit(request), id -> ctx.response().setStatusCode(202)
                .putHeader("Location", location(ctx, id)).putHeader("Content-Type", "application/json")
                .end(Json.encodeToBuffer(Map.of("id", id))));
    }

    /** {@code GET /api/submissions/{id}[?wait=N]}: the submission, once finished or after N seconds. */
    void find(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!SubmissionQueue.isWellFormedId(id)) {
            unknown(ctx);
            return;
        }
        String waitParam = ctx.queryParams().get("wait");
        // The document's range (0 to MAX_WAIT_SECONDS) was checked by the validation; parsed again, not trusted.
        Duration wait = Duration.ofSeconds(waitParam == null ? 0
                : Math.max(0, Math.min(MAX_WAIT_SECONDS, Long.parseLong(waitParam))));
        if (wait.isZero()) {
            call(ctx, () -> queue.find(id), found -> answer(ctx, found));
            return;
        }
        LongPoll poll = new LongPoll(ctx, id, wait);
        try {
            threads.execute(poll);
        } catch (RejectedExecutionException e) {
            Problems.tooBusy(ctx, RETRY_WHEN_BUSY);
            return;
        }
        waits.add(poll);
        ctx.addEndHandler(ended -> waits.remove(poll));
        // Fires only when the connection goes before the answer is written: stop waiting for nobody.
        ctx.response().closeHandler(closed -> poll.end());
        if (ctx.response().closed() || draining) {
            poll.end();
        }
    }

    /** {@code DELETE /api/submissions/{id}}: 204 when cancelled, 409 when it started, 404 when unknown. */
    void cancel(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!SubmissionQueue.isWellFormedId(id)) {
            unknown(ctx);
            return;
        }
        call(ctx, () -> queue.cancel(id), outcome -> {
            switch (outcome) {
                case CANCELLED -> ctx.response().setStatusCode(204).end();
                case ALREADY_STARTED -> Problems.send(ctx, 409, Problems.Type.SUBMISSION_STARTED,
                        "the submission has already started (or finished) and can no longer be cancelled; its"
                                + " result will be kept as usual");
                case UNKNOWN -> unknown(ctx);
            }
        });
    }

    /**
     * Ends every long poll now with the submission's current state, so that draining the server is not held up
     * by clients waiting for results; polls that arrive from now on answer at once.
     */
    void stopWaiting() {
        draining = true;
        waits.forEach(LongPoll::end);
    }

    /** Interrupts the queue calls still in progress. Does not close the queue: {@link SandboxApi} decides that. */
    @Override
    public void close() {
        threads.shutdownNow();
    }

    /**
     * One {@code ?wait=N}: waits in {@link SubmissionQueue#await} on a thread of the handler's, and answers with the
     * state it ends with. {@link #end()} cuts the wait short: the answer is then the state at that moment, if the
     * client is still there to receive it.
     */
    private final class LongPoll implements Runnable {
        private final RoutingContext ctx;
        private final Context eventLoop;
        private final String id;
        private final Duration wait;
        /** The thread waiting, while it waits; guarded by this, so that no other task's thread is interrupted. */
        private @Nullable Thread waiter;
        private boolean ended;

        LongPoll(RoutingContext ctx, String id, Duration wait) {
            this.ctx = ctx;
            this.eventLoop = ctx.vertx().getOrCreateContext();
            this.id = id;
            this.wait = wait;
        }

        @Override
        public void run() {
            Duration maxWait;
            synchronized (this) {
                maxWait = ended ? Duration.ZERO : wait;
                waiter = Thread.currentThread();
            }
            Optional<Submission> found;
            try {
                try {
                    found = queue.await(id, maxWait);
                } catch (ExecutionInterruptedException e) {
                    leaveWait();
                    if (ctx.response().closed()) {
                        return; // the client left: nobody to answer
                    }
                    found = queue.find(id); // the server drains: the state as it is now is the answer
                }
            } catch (RuntimeException e) {
                eventLoop.runOnContext(ignored -> ctx.fail(e));
                return;
            } finally {
                leaveWait();
            }
            Optional<Submission> answer = found;
            eventLoop.runOnContext(ignored -> answer(ctx, answer));
        }

        /** Ends the wait now (or makes it not start); idempotent. */
        synchronized void end() {
            if (!ended) {
                ended = true;
                if (waiter != null) {
                    waiter.interrupt();
                }
            }
        }

        private void leaveWait() {
            synchronized (this) {
                waiter = null;
            }
            Thread.interrupted(); // an end() that came meanwhile must not reach the thread's next task
        }
    }

    /** Runs {@code work} on a thread of the handler's, then {@code respond} on the event loop (or fails the request). */
    private <T> void call(RoutingContext ctx, Callable<T> work, Consumer<T> respond) {
        Context eventLoop = ctx.vertx().getOrCreateContext();
        try {
            threads.execute(() -> {
                try {
                    T result = work.call();
                    eventLoop.runOnContext(ignored -> respond.accept(result));
                } catch (Exception e) {
                    eventLoop.runOnContext(ignored -> ctx.fail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            Problems.tooBusy(ctx, RETRY_WHEN_BUSY);
        }
    }

    private static void answer(RoutingContext ctx, Optional<Submission> found) {
        if (ctx.response().closed() || ctx.response().ended()) {
            return;
        }
        if (found.isEmpty()) {
            unknown(ctx);
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json")
                .end(Json.encodeToBuffer(SubmissionResponse.of(found.get())));
    }

    private static void unknown(RoutingContext ctx) {
        Problems.send(ctx, 404, Problems.Type.UNKNOWN_SUBMISSION, "no submission has this id: it was never"
                + " submitted, was cancelled, or its result expired");
    }

    /** The submission's path as the client reaches it, also when the routes are mounted under a prefix. */
    private static String location(RoutingContext ctx, String id) {
        String mount = ctx.mountPoint();
        String prefix = mount == null ? "" : mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
        return prefix + SandboxApi.SUBMISSIONS_PATH + "/" + id;
    }
}
