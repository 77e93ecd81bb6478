package dev.jsandbox.http;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@code dev.jsandbox.http.access}: method, path, status, language and
 * duration. Never the code, its input or its output: those are the users' data.
 */
final class AccessLog {

    /** Status logged when the client left before the response (nginx's convention). */
    static final int CLIENT_CLOSED_REQUEST = 499;

    private static final Logger LOG = LoggerFactory.getLogger("dev.jsandbox.http.access");

    private AccessLog() {
    }

    static void log(String method, String path, int status, @Nullable String language, long startNanos) {
        if (LOG.isInfoEnabled()) {
            long millis = (System.nanoTime() - startNanos) / 1_000_000;
            LOG.info("{} {} {} {} {}ms", clean(method), clean(path), status, language == null ? "-" : clean(language),
                    millis);
        }
    }

    /** Values come from the client: no control characters (no forged log lines) and a bounded length. */
    static String clean(String value) {
        String shortened = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return shortened.replaceAll("[\\p{Cntrl}\\s]", "?");
    }
}
