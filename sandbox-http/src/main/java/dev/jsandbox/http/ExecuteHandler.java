package dev.jsandbox.http;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.InvalidRequestException;
import io.vertx.core.Context;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import dev.jsandbox.api.LanguageInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

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
    private volatile @Nullable Map<String, String> languageIds;

    ExecuteHandler(CodeSandbox sandbox) {
        this.sandbox = sandbox;
        this.retryAfter = sandbox.limits().timeout();
        this.threads = BlockingCallThreads.create("jsandbox-http-execute", MAX_THREADS);
    }

    void handle(RoutingContext ctx) {
        ExecutionRequest request;
        try {
            request = ExecuteBody.read(ctx.body().buffer().getBytes());
        } catch (InvalidRequestException e) {
            ctx.fail(e);
            return;
        }
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

    /** The id of the language {@code requested} names (an id or alias, any case), once the sandbox ran it. */
    private String languageId(String requested) {
        Map<String, String> ids = languageIds;
        if (ids == null || !ids.containsKey(requested.toLowerCase(Locale.ROOT))) {
            Map<String, String> fresh = new HashMap<>();
            for (LanguageInfo language : sandbox.languages()) {
                fresh.put(language.id().toLowerCase(Locale.ROOT), language.id());
                language.aliases().forEach(alias -> fresh.put(alias.toLowerCase(Locale.ROOT), language.id()));
            }
            languageIds = ids = fresh;
        }
        return ids.getOrDefault(requested.toLowerCase(Locale.ROOT), "-");
    }

    private void respondWhenDone(RoutingContext ctx, Context eventLoop, ExecutionRequest request) {
        try {
            ExecutionResult result = sandbox.execute(request);
            String language = languageId(request.language());
            eventLoop.runOnContext(ignored -> {
                // Only the id the sandbox knows reaches the log, never what the client wrote.
                ctx.put(AccessLog.LANGUAGE_KEY, language);
                ctx.put(AccessLog.RESULT_KEY, result);
                respond(ctx, result);
            });
        } catch (RuntimeException e) {
            eventLoop.runOnContext(ignored -> ctx.fail(e));
        }
    }

    private static void respond(RoutingContext ctx, ExecutionResult result) {
        if (!ctx.response().closed()) {
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(Json.encodeToBuffer(ExecutionResponse.of(result)));
        }
    }

    /** Interrupts every execution still running; their containers are removed by the sandbox. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
