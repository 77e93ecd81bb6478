package dev.jsandbox.http;

import dev.jsandbox.api.ExecutionResult;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per request on the logger {@code dev.jsandbox.http.access}, as {@code key=value} pairs in the message
 * and as SLF4J key-value pairs (which a JSON encoder writes as fields):
 * {@code requestId=3f2a... client=alice method=POST path=/api/execute status=200 language=python
 * executionStatus=SUCCESS verdict=- queueWaitMs=0 executionMs=38 durationMs=108}.
 *
 * <p>Never the code, its input or its output, never a key nor a submission id: those are the users' data. The language is the id the
 * sandbox resolved, so what a client wrote there never reaches the log. {@code 499} (nginx's convention) means
 * the client left before the answer. Every response carries the request id as {@code X-Request-Id}: a
 * well-formed incoming one (1 to 64 of {@code A-Z a-z 0-9 . _ : -}) is kept, so a proxy's id follows the request.
 */
final class AccessLog {

    /** Where the execute handler leaves the request's resolved language id and its result for the log line. */
    static final String LANGUAGE_KEY = "jsandbox.language";
    static final String RESULT_KEY = "jsandbox.result";
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final int CLIENT_CLOSED_REQUEST = 499;

    private static final Pattern WELL_FORMED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger("dev.jsandbox.http.access");

    private AccessLog() {
    }

    /** A root handler: names the request, and logs when the response is written or the connection is gone. */
    static void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        String incoming = ctx.request().getHeader(REQUEST_ID_HEADER);
        String requestId = incoming != null && WELL_FORMED_ID.matcher(incoming).matches() ? incoming
                : UUID.randomUUID().toString();
        ctx.response().putHeader(REQUEST_ID_HEADER, requestId);
        ctx.addEndHandler(ended -> {
            if (LOG.isInfoEnabled()) {
                int status = ended.succeeded() ? ctx.response().getStatusCode() : CLIENT_CLOSED_REQUEST;
                log(fields(ctx, requestId, status, (System.nanoTime() - started) / 1_000_000));
            }
        });
        ctx.next();
    }

    private static Map<String, Object> fields(RoutingContext ctx, String requestId, int status, long durationMs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", requestId);
        ClientKey client = ctx.get(ApiKey.CLIENT_KEY);
        fields.put("client", client == null ? "anonymous" : client.name());
        fields.put("method", clean(ctx.request().method().name()));
        fields.put("path", loggedPath(ctx.request().path()));
        fields.put("status", status);
        String language = ctx.get(LANGUAGE_KEY);
        if (language != null) {
            fields.put("language", clean(language));
        }
        ExecutionResult result = ctx.get(RESULT_KEY);
        if (result != null) {
            fields.put("executionStatus", result.status().name());
            fields.put("verdict", result.verdict() == null ? "-" : String.valueOf(result.verdict()));
            fields.put("queueWaitMs", result.queueWait().toMillis());
            fields.put("executionMs", result.wallTime().toMillis());
        }
        fields.put("durationMs", durationMs);
        return fields;
    }

    private static void log(Map<String, Object> fields) {
        LoggingEventBuilder event = LOG.atInfo();
        fields.forEach(event::addKeyValue);
        event.log(fields.entrySet().stream().map(field -> field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining(" ")));
    }

    /**
     * The path, but a submission's as {@code /api/submissions/{id}}: whoever knows an id may read that submission's
     * code output, so ids are kept out of the log like keys (the request id relates the lines instead).
     */
    static String loggedPath(String path) {
        return path.startsWith(SandboxApi.SUBMISSIONS_PATH + "/") ? SandboxApi.SUBMISSION_PATH : clean(path);
    }

    /** Values come from the client: no control characters (no forged log lines) and a bounded length. */
    static String clean(String value) {
        String shortened = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return shortened.replaceAll("[\\p{Cntrl}\\s]", "?");
    }
}
