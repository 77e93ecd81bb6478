package dev.jsandbox.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * Checks the key a request presents as {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}.
 *
 * <p>Both sides are hashed before a constant-time comparison, so that neither the content nor the length of the
 * configured key can be learned from response times.
 */
final class ApiKey {

    static final String HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";

    private final byte[] expectedDigest;

    ApiKey(String key) {
        this.expectedDigest = sha256(key);
    }

    boolean accepts(HttpHeaders headers) {
        String presented = presented(headers);
        // Compare even when nothing was presented, so that a missing key takes as long as a wrong one.
        boolean equal = MessageDigest.isEqual(expectedDigest, sha256(presented == null ? "" : presented));
        return presented != null && equal;
    }

    private static @Nullable String presented(HttpHeaders headers) {
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return headers.get(HEADER);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
