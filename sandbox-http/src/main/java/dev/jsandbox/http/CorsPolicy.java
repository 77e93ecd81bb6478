package dev.jsandbox.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cross-origin rules for browser front ends: which origins may call the API, and the headers that tell the browser
 * so. With no origin configured, no CORS header is ever sent and browsers keep pages of other origins out.
 *
 * <p>Credentials (cookies) are never allowed: the API does not use them, and an API key travels in a header the
 * page sets itself.
 */
final class CorsPolicy {

    private static final String ALLOWED_METHODS = "GET, POST";
    private static final String ALLOWED_HEADERS = "Content-Type, Authorization, " + ApiKey.HEADER;
    private static final String EXPOSED_HEADERS = "Retry-After, WWW-Authenticate";
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    private final boolean anyOrigin;
    private final Set<String> origins;

    CorsPolicy(List<String> origins) {
        this.anyOrigin = origins.contains("*");
        this.origins = Set.copyOf(origins);
    }

    boolean enabled() {
        return anyOrigin || !origins.isEmpty();
    }

    /** True for a browser's preflight: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    static boolean isPreflight(HttpMethod method, HttpHeaders headers) {
        return method.equals(HttpMethod.OPTIONS) && headers.contains(HttpHeaderNames.ORIGIN)
                && headers.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** True when a preflight from this origin for this method may proceed. */
    boolean allowsPreflight(HttpHeaders request) {
        String method = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "");
        return allowedOrigin(request) != null && (method.equals("GET") || method.equals("POST"));
    }

    /** Adds the preflight answer's headers to {@code response}. */
    void addPreflightHeaders(HttpHeaders request, HttpHeaders response) {
        addHeaders(request, response);
        if (allowedOrigin(request) != null) {
            response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            response.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS);
        }
    }

    /** Adds the headers every response to a cross-origin request carries. */
    void addHeaders(HttpHeaders request, HttpHeaders response) {
        if (!enabled()) {
            return;
        }
        // Caches must keep answers for different origins apart, allowed or not.
        response.add(HttpHeaderNames.VARY, "Origin");
        String origin = allowedOrigin(request);
        if (origin != null) {
            response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin ? "*" : origin);
            response.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
    }

    private @Nullable String allowedOrigin(HttpHeaders request) {
        String origin = request.get(HttpHeaderNames.ORIGIN);
        if (origin == null) {
            return null;
        }
        return anyOrigin || origins.contains(origin) ? origin : null;
    }
}
