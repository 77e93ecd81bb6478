package dev.jsandbox.http;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@code dev.jsandbox.http.access}: method, path, status, language and
 * duration, e.g. {@code POST /api/execute 200 python 108ms}. Never the code, its input or its output: those are
 * the users' data. {@code 499} (nginx's convention) means the client left before the answer.
 */
final class AccessLog {

    /** Where the execute handler leaves the request's language for the log line. */
    static final String LANGUAGE_KEY = "jsandbox.language";
    static final int CLIENT_CLOSED_REQUEST = 499;

    private static final Logger LOG = LoggerFactory.getLogger("dev.jsandbox.http.access");

    private AccessLog() {
    }

    /** A root handler: logs when the response is written or the connection is gone. */
    static void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addEndHandler(ended -> {
            if (LOG.isInfoEnabled()) {
                int status = ended.succeeded() ? ctx.response().getStatusCode() : CLIENT_CLOSED_REQUEST;
                String language = ctx.get(LANGUAGE_KEY);
                LOG.info("{} {} {} {} {}ms", clean(ctx.request().method().name()), clean(ctx.request().path()),
                        status, language == null ? "-" : clean(language), (System.nanoTime() - started) / 1_000_000);
            }
        });
        ctx.next();
    }

    /** Values come from the client: no control characters (no forged log lines) and a bounded length. */
    static String clean(String value) {
        String shortened = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return shortened.replaceAll("[\\p{Cntrl}\\s]", "?");
    }
}
