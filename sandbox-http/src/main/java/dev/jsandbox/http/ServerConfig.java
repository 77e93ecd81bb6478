package dev.jsandbox.http;

import dev.jsandbox.api.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link SandboxServer} listens and how much it accepts. Immutable; build one with {@link #builder()} or read
 * it from the environment with {@link #fromEnvironment()}. Bad values throw {@link IllegalArgumentException} naming
 * the value and the rule.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder().port(0).apiKey(System.getenv("MY_KEY")).build();
 * }</pre>
 */
public final class ServerConfig {

    /** Shortest API key accepted: shorter keys are guessable. */
    static final int MIN_API_KEY_LENGTH = 16;

    private final String bindAddress;
    private final int port;
    private final Limits limits;
    private final int maxConcurrentExecutions;
    private final int queueSize;
    private final int maxBodyBytes;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final @Nullable String apiKey;
    private final List<String> corsOrigins;

    private ServerConfig(Builder builder) {
        this.bindAddress = builder.bindAddress;
        this.port = builder.port;
        this.limits = builder.limits;
        this.maxConcurrentExecutions = builder.maxConcurrentExecutions;
        this.queueSize = builder.queueSize;
        this.maxBodyBytes = builder.maxBodyBytes;
        this.maxConnections = builder.maxConnections;
        this.idleTimeout = builder.idleTimeout;
        this.apiKey = builder.apiKey;
        this.corsOrigins = List.copyOf(builder.corsOrigins);
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration given by system properties and environment variables (a system property wins over its
     * variable); see the module's README for the names.
     *
     * @throws IllegalArgumentException naming the variable when a value is malformed
     */
    public static ServerConfig fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperties());
    }

    /** As {@link #fromEnvironment()}, from the given variables and properties. */
    public static ServerConfig fromEnvironment(Map<String, String> environment, Properties properties) {
        return new EnvironmentConfig(environment, properties).read();
    }

    /** The address to listen on; default {@code 127.0.0.1}. */
    public String bindAddress() {
        return bindAddress;
    }

    /** The port to listen on, 0 for any free port; default 4000. */
    public int port() {
        return port;
    }

    /** The limits of every execution, which requests may only lower; default {@link Limits#defaults()}. */
    public Limits limits() {
        return limits;
    }

    /** Executions that run at once; default twice the processors, at least 2. */
    public int maxConcurrentExecutions() {
        return maxConcurrentExecutions;
    }

    /** Executions that may wait for a slot; more are rejected with 429. Default 4 per concurrent execution. */
    public int queueSize() {
        return queueSize;
    }

    /** Largest request body in bytes; larger ones get 413 without being buffered. Default 2 MiB. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Open connections at once; further ones are closed on arrival. Default 256. */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Time a client has to send a whole request (from connecting or from the previous response), and to read a
     * response; default 30 s. Executions are not bounded by it.
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The key every request must present, or null for none; default none. */
    public @Nullable String apiKey() {
        return apiKey;
    }

    /** Origins browsers may call from ({@code *} for any); default none, which disables CORS. */
    public List<String> corsOrigins() {
        return corsOrigins;
    }

    /** The settings, without the API key's value. */
    @Override
    public String toString() {
        return "ServerConfig[bindAddress=" + bindAddress + ", port=" + port + ", limits=" + limits
                + ", maxConcurrentExecutions=" + maxConcurrentExecutions + ", queueSize=" + queueSize
                + ", maxBodyBytes=" + maxBodyBytes + ", maxConnections=" + maxConnections + ", idleTimeout="
                + idleTimeout + ", apiKey=" + (apiKey == null ? "none" : "set") + ", corsOrigins=" + corsOrigins + "]";
    }

    /** Builds a {@link ServerConfig}; every setter documents its default. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port = 4000;
        private Limits limits = Limits.defaults();
        private int maxConcurrentExecutions = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        private @Nullable Integer queueSize;
        private int maxBodyBytes = 2 * 1024 * 1024;
        private int maxConnections = 256;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private @Nullable String apiKey;
        private List<String> corsOrigins = List.of();

        private Builder() {
        }

        /** Default {@code 127.0.0.1}, reachable from this machine only; {@code 0.0.0.0} for every interface. */
        public Builder bindAddress(String bindAddress) {
            Objects.requireNonNull(bindAddress, "bindAddress");
            if (bindAddress.isBlank()) {
                throw new IllegalArgumentException("bindAddress must not be blank");
            }
            this.bindAddress = bindAddress;
            return this;
        }

        /** Default 4000; 0 picks a free port (see {@link SandboxServer#port()}). */
        public Builder port(int port) {
            this.port = requireRange("port", port, 0, 65535);
            return this;
        }

        /** Default {@link Limits#defaults()}. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Default twice the number of processors, at least 2; between 1 and 1024. */
        public Builder maxConcurrentExecutions(int maxConcurrentExecutions) {
            this.maxConcurrentExecutions = requireRange("maxConcurrentExecutions", maxConcurrentExecutions, 1, 1024);
            return this;
        }

        /** Default 4 times {@link #maxConcurrentExecutions(int)}; between 0 and 100,000. */
        public Builder queueSize(int queueSize) {
            this.queueSize = requireRange("queueSize", queueSize, 0, 100_000);
            return this;
        }

        /** Default 2 MiB; between 1 KiB and 256 MiB. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = requireRange("maxBodyBytes", maxBodyBytes, 1024, 256 * 1024 * 1024);
            return this;
        }

        /** Default 256; between 1 and 100,000. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = requireRange("maxConnections", maxConnections, 1, 100_000);
            return this;
        }

        /** Default 30 s; between 1 s and 1 h. */
        public Builder idleTimeout(Duration idleTimeout) {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0 || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("idleTimeout must be between 1 s and 1 h, was " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * Requires every request to carry this key as {@code Authorization: Bearer <key>} or {@code X-API-Key}.
         * Default none (no authentication). At least 16 printable ASCII characters without spaces; null removes it.
         */
        public Builder apiKey(@Nullable String apiKey) {
            if (apiKey != null && (apiKey.length() < MIN_API_KEY_LENGTH
                    || !apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
                throw new IllegalArgumentException("the API key must be at least " + MIN_API_KEY_LENGTH
                        + " printable ASCII characters without spaces (e.g. from: openssl rand -hex 32)");
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Origins such as {@code https://app.example.com} whose pages may call the API, or {@code *} for any.
         * Default none: no CORS headers, so browsers only allow same-origin pages.
         */
        public Builder corsOrigins(List<String> corsOrigins) {
            for (String origin : corsOrigins) {
                if (!origin.equals("*") && !origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                    throw new IllegalArgumentException("a CORS origin must be * or scheme://host[:port] without a"
                            + " path, like https://app.example.com, was '" + origin + "'");
                }
            }
            this.corsOrigins = List.copyOf(corsOrigins);
            return this;
        }

        /** The configuration. */
        public ServerConfig build() {
            if (queueSize == null) {
                queueSize = Math.min(100_000, 4 * maxConcurrentExecutions);
            }
            return new ServerConfig(this);
        }

        private static int requireRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }
    }
}
