package dev.jsandbox.redis;

import dev.jsandbox.api.EngineUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.function.Supplier;

/** The connection plumbing RedisSandbox and RedisWorker share: URI checks, the client, errors as our exceptions. */
final class Broker {

    private Broker() {
    }

    /**
     * Parses and checks a broker URI ({@code redis://[:password@]host[:port][/db]} or {@code rediss://} for TLS).
     *
     * @throws IllegalArgumentException if it is not one; the message never shows a password
     */
    static RedisURI uri(String text) {
        RedisURI uri;
        try {
            uri = RedisURI.create(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the broker URI must look like redis://[:password@]host[:port][/db]"
                    + " or rediss://...; it could not be parsed");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("the broker URI must name a host, e.g. redis://127.0.0.1:6379");
        }
        return uri;
    }

    /** Host and port, never the password: for messages and logs. */
    static String describe(RedisURI uri) {
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
    }

    static RedisClient client(RedisURI uri) {
        RedisClient client = RedisClient.create(uri);
        // Commands issued while disconnected fail at once instead of piling up in memory until Redis returns.
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        return client;
    }

    /** Runs a Redis call; a broker that cannot be reached or refuses becomes an {@link EngineUnavailableException}. */
    static <T> T call(RedisURI uri, Supplier<T> call) {
        try {
            return call.get();
        } catch (RedisException e) {
            throw unavailable(uri, e);
        }
    }

    static EngineUnavailableException unavailable(RedisURI uri, RuntimeException e) {
        return new EngineUnavailableException("the broker at " + describe(uri) + " cannot be used ("
                + e.getClass().getSimpleName() + ": " + e.getMessage() + "); start Redis or fix the broker URI"
                + " (JSANDBOX_REDIS_URL)", e);
    }

    /** Creates the stream and its consumer group when missing; from the stream's first entry, so no job is missed. */
    static void ensureGroup(RedisCommands<String, String> redis, BrokerKeys keys) {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(keys.jobs, "0-0"), BrokerKeys.GROUP,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    static String field(StreamMessage<String, String> message, String name) {
        String value = message.getBody().get(name);
        return value == null ? "" : value;
    }

    static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
