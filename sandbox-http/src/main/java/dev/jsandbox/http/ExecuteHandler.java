package dev.jsandbox.http;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.InvalidRequestException;
import io.vertx.core.Context;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /api/execute}, after the OpenAPI validation: runs the request on a thread of its own, blocked in
 * {@link CodeSandbox#execute}, and answers on the event loop (or streams the output: {@link ExecuteEventStream}).
 * When the client's connection closes first, that thread is interrupted at once, which makes the sandbox stop the
 * program and remove its container.
 *
 * <p>Admission is the sandbox's: it runs, queues or refuses ({@link dev.jsandbox.api.SandboxBusyException}, 429)
 * each call. The thread pool therefore has no queue of its own; its cap only guards against a sandbox that
 * admits without bound.
 */
final class ExecuteHandler implements AutoCloseable {

    /** Far above what a sandbox admits by default (DockerSandbox: a slot per CPU plus 64 waiting); past it, 429 too. */
    private static final int MAX_THREADS = 2048;

    private final CodeSandbox sandbox;
    private final Duration retryAfter;
    private final ExecutorService threads;

    ExecuteHandler(CodeSandbox sandbox) {
        this.sandbox = sandbox;
        this.retryAfter = sandbox.limits().timeout();
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "jsandbox-http-execute-" + count.incrementAndGet());
                    // An embedding application must be able to exit even if it forgets close().
                    thread.setDaemon(true);
                    return thread;
                });
    }

    void handle(RoutingContext ctx) {
        ExecutionRequest request;
        try {
            request = ExecuteBody.read(ctx.body().buffer().getBytes());
        } catch (InvalidRequestException e) {
            ctx.fail(e);
            return;
        }
        ctx.put(AccessLog.LANGUAGE_KEY, request.language());
        Context eventLoop = ctx.vertx().getOrCreateContext();
        Future<?> running;
        try {
            Runnable task = ExecuteEventStream.wanted(ctx)
                    ? () -> ExecuteEventStream.run(ctx, eventLoop, sandbox, request)
                    : () -> respondWhenDone(ctx, eventLoop, request);
            running = threads.submit(task);
        } catch (RejectedExecutionException e) {
            Problems.tooBusy(ctx, retryAfter);
            return;
        }
        // Fires only when the connection goes before the response is written: nobody is left to answer.
        ctx.response().closeHandler(closed -> running.cancel(true));
        if (ctx.response().closed()) {
            running.cancel(true); // it went before the handler was set
        }
    }

    private void respondWhenDone(RoutingContext ctx, Context eventLoop, ExecutionRequest request) {
        try {
            ExecutionResult result = sandbox.execute(request);
            eventLoop.runOnContext(ignored -> respond(ctx, result, request.testCases().size()));
        } catch (RuntimeException e) {
            eventLoop.runOnContext(ignored -> ctx.fail(e));
        }
    }

    private static void respond(RoutingContext ctx, ExecutionResult result, int testCases) {
        if (!ctx.response().closed()) {
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(Json.encodeToBuffer(ExecutionResponse.of(result, testCases)));
        }
    }

    /** Interrupts every execution still running; their containers are removed by the sandbox. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
