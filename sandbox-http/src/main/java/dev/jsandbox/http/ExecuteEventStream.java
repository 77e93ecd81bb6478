package dev.jsandbox.http;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.OutputListener;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/execute} with {@code Accept: text/event-stream}: the output as Server-Sent Events while the
 * program runs, then the usual JSON response as one {@code result} event.
 *
 * <p>Events: {@code compile}, {@code stdout} and {@code stderr}, each with {@code data: {"text": "..."}}, then
 * {@code result} with the {@link ExecutionResponse}. The status line and headers are sent with the first event, so
 * anything refused before the program produced output (an unknown language, a full queue, ...) is still an ordinary
 * problem response; a failure after that is one {@code error} event with a problem document.
 *
 * <p>Every write happens on the request's event loop, in the order the events were produced. What the client has
 * not read yet waits in the connection's buffer; it is bounded by the output caps, which bound the result itself.
 */
final class ExecuteEventStream {

    static final String MEDIA_TYPE = "text/event-stream";
    private static final Logger LOG = LoggerFactory.getLogger(ExecuteEventStream.class);

    private final RoutingContext ctx;
    private final Context eventLoop;

    private ExecuteEventStream(RoutingContext ctx, Context eventLoop) {
        this.ctx = ctx;
        this.eventLoop = eventLoop;
    }

    /** Whether the client asked for the event stream rather than one JSON document. */
    static boolean wanted(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(MEDIA_TYPE);
    }

    /** Runs the request on the calling (worker) thread and streams it; returns when the last event is queued. */
    static void run(RoutingContext ctx, Context eventLoop, CodeSandbox sandbox, ExecutionRequest request) {
        ExecuteEventStream stream = new ExecuteEventStream(ctx, eventLoop);
        ExecutionResult result;
        try {
            result = sandbox.execute(request, new OutputListener() {
                @Override
                public void onCompileOutput(String chunk) {
                    stream.text("compile", chunk);
                }

                @Override
                public void onStdout(String chunk) {
                    stream.text("stdout", chunk);
                }

                @Override
                public void onStderr(String chunk) {
                    stream.text("stderr", chunk);
                }
            });
        } catch (RuntimeException e) {
            eventLoop.runOnContext(ignored -> stream.failed(e));
            return;
        }
        String response = Json.encode(ExecutionResponse.of(result));
        eventLoop.runOnContext(ignored -> {
            stream.write("result", response);
            if (!ctx.response().closed() && !ctx.response().ended()) {
                ctx.response().end();
            }
        });
    }

    private void text(String event, String text) {
        String data = new JsonObject().put("text", text).encode();
        eventLoop.runOnContext(ignored -> write(event, data));
    }

    /** One event; {@code data} is JSON on one line (the encoder escapes every line break in strings). */
    private void write(String event, String data) {
        HttpServerResponse response = ctx.response();
        if (response.closed() || response.ended()) {
            return;
        }
        if (!response.headWritten()) {
            response.setStatusCode(200).setChunked(true).putHeader("Content-Type", MEDIA_TYPE)
                    // Proxies such as nginx would otherwise hold the events back until the buffer fills.
                    .putHeader("X-Accel-Buffering", "no");
        }
        response.write(Buffer.buffer("event: " + event + "\ndata: " + data + "\n\n"));
    }

    private void failed(RuntimeException e) {
        HttpServerResponse response = ctx.response();
        if (!response.headWritten()) {
            ctx.fail(e); // nothing was sent yet: the usual problem response
            return;
        }
        if (response.closed() || response.ended()) {
            return;
        }
        // The status line is gone: the failure can only be an event. Its details stay in the log, under an id.
        String errorId = UUID.randomUUID().toString();
        LOG.warn("execution failed after its event stream started, error id {}", errorId, e);
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", "Execution failed")
                .put("status", 500).put("detail", "the execution failed after it started; the server log has the"
                        + " details under error id " + errorId)
                .put("errorId", errorId);
        write("error", problem.encode());
        response.end();
    }
}
