package dev.jsandbox.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.vertx.ext.web.RoutingContext;
import org.jspecify.annotations.Nullable;

/**
 * Lets through only requests that present the key as {@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}; the rest get 401 with {@code WWW-Authenticate: Bearer}.
 *
 * <p>Both sides are hashed before a constant-time comparison, so neither the content nor the length of the
 * configured key can be learned from response times. Ours rather than Vert.x's {@code APIKeyHandler}: that one
 * reads one header only and still needs an authentication provider doing this very comparison.
 */
final class ApiKey {

    static final String HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";

    private final byte[] expectedDigest;

    ApiKey(String key) {
        this.expectedDigest = sha256(key);
    }

    void handle(RoutingContext ctx) {
        String presented = presented(ctx);
        // Compare even when nothing was presented, so that a missing key takes as long as a wrong one.
        boolean equal = MessageDigest.isEqual(expectedDigest, sha256(presented == null ? "" : presented));
        if (presented != null && equal) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"jsandbox\"");
        Problems.send(ctx, 401, Problems.Type.HTTP, "this server needs an API key: send it as 'Authorization:"
                + " Bearer <key>' or '" + HEADER + ": <key>'");
    }

    private static @Nullable String presented(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return ctx.request().getHeader(HEADER);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
