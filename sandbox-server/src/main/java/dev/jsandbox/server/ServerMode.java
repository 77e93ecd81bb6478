package dev.jsandbox.server;

import java.util.Locale;

/** What the server process does ({@code JSANDBOX_MODE}); see the README's "Scaling out". */
enum ServerMode {
    /** The HTTP API over a local DockerSandbox; submissions are queued in memory. The default. */
    STANDALONE,
    /** The HTTP API over a RedisSandbox: every execution and submission goes through the broker to the workers. */
    API,
    /** A RedisWorker over a local DockerSandbox; HTTP serves only the health probes and /metrics. */
    WORKER;

    static ServerMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected standalone, api or worker");
        }
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
