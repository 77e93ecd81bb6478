package dev.jsandbox.http;

import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Lets through only requests that present one of the keys as {@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}, and notes the key's client for the limits and the access log; the rest get 401 with
 * {@code WWW-Authenticate: Bearer}.
 *
 * <p>Keys are kept as SHA-256 digests; the presented key is hashed and compared with every one in constant time
 * (see {@link ClientKeys#find}), so neither content nor length of a key can be learned from response times. Ours
 * rather than Vert.x's {@code APIKeyHandler}: that one reads one header only and still needs an authentication
 * provider doing this very comparison.
 */
final class ApiKey {

    static final String HEADER = "X-API-Key";
    /** Where the handler leaves the request's {@link ClientKey}. */
    static final String CLIENT_KEY = "jsandbox.client";
    private static final String BEARER = "bearer ";

    private final Supplier<ClientKeys> keys;
    private final ClientKeys single;

    /**
     * {@code keys} is asked on every request, so that a reloaded key file takes effect at once; {@code single} is
     * the one key of {@link SandboxApiOptions#apiKey()}, if any.
     */
    ApiKey(Supplier<ClientKeys> keys, @Nullable ClientKey single) {
        this.keys = keys;
        this.single = ClientKeys.of(single == null ? java.util.List.of() : java.util.List.of(single));
    }

    void handle(RoutingContext ctx) {
        String presented = presented(ctx);
        // Compare even when nothing was presented, so that a missing key takes as long as a wrong one.
        String candidate = presented == null ? "" : presented;
        ClientKey fromKeys = keys.get().find(candidate);
        ClientKey fromSingle = single.find(candidate);
        ClientKey client = fromKeys != null ? fromKeys : fromSingle;
        if (presented != null && client != null) {
            ctx.put(CLIENT_KEY, client);
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
}
