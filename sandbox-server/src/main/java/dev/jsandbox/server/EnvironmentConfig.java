package dev.jsandbox.server;

import dev.jsandbox.api.Limits;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.http.SandboxApiOptions;
import dev.jsandbox.redis.RedisSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@link ServerConfig} from environment variables and system properties. Each setting has a variable
 * name such as {@code JSANDBOX_QUEUE_SIZE}; its system property is the same name in lower case with dots,
 * {@code jsandbox.queue.size} ({@code PORT} has {@code jsandbox.port}). A property wins over its variable, so that
 * {@code java -D...} can override a container's environment. Empty values count as unset. Each value goes through
 * the builder that uses it at once, so a refused value is reported with its variable's name.
 */
final class EnvironmentConfig {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([kmg]?)(i?b)?");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private final Map<String, String> environment;
    private final Properties properties;

    EnvironmentConfig(Map<String, String> environment, Properties properties) {
        this.environment = environment;
        this.properties = properties;
    }

    ServerConfig read() {
        StandaloneHttpServer.Builder http = StandaloneHttpServer.builder();
        SandboxApiOptions.Builder api = SandboxApiOptions.builder();
        DockerSandbox.Builder sandbox = DockerSandbox.builder();
        Limits.Builder limits = Limits.builder();
        String bindAddress = get("JSANDBOX_BIND_ADDRESS", Function.identity(), http::host, "127.0.0.1");
        int port = get("PORT", EnvironmentConfig::integer, http::port, 4000);
        int maxConnections = get("JSANDBOX_MAX_CONNECTIONS", EnvironmentConfig::integer, http::maxConnections, 256);
        Duration idleTimeout = get("JSANDBOX_IDLE_TIMEOUT", EnvironmentConfig::duration, http::idleTimeout,
                Duration.ofSeconds(30));
        set("JSANDBOX_MAX_BODY_BYTES", EnvironmentConfig::intSize, api::maxBodyBytes);
        set("JSANDBOX_API_KEY", Function.identity(), api::apiKey);
        set("JSANDBOX_CORS_ORIGINS", EnvironmentConfig::list, api::corsOrigins);
        set("JSANDBOX_RATE_LIMIT_PER_MINUTE", EnvironmentConfig::integer, api::defaultRequestsPerMinute);
        KeyFile keyFile = get("JSANDBOX_API_KEYS_FILE", text -> KeyFile.load(Path.of(text)), api::clientKeys, null);
        LogFormat logFormat = get("JSANDBOX_LOG_FORMAT", LogFormat::parse, format -> { }, LogFormat.PLAIN);
        Duration shutdownGrace = get("JSANDBOX_SHUTDOWN_GRACE", EnvironmentConfig::duration, http::shutdownGrace, null);
        Integer maxConcurrent = get("JSANDBOX_MAX_CONCURRENT_EXECUTIONS", EnvironmentConfig::integer,
                sandbox::maxConcurrentExecutions, null);
        int maxQueued = get("JSANDBOX_QUEUE_SIZE", EnvironmentConfig::integer, sandbox::maxQueuedExecutions,
                DockerSandbox.Builder.DEFAULT_MAX_QUEUED_EXECUTIONS);
        String ociRuntime = get("JSANDBOX_OCI_RUNTIME", Function.identity(), sandbox::ociRuntime, null);

        set("JSANDBOX_TIMEOUT", EnvironmentConfig::duration, limits::timeout);
        set("JSANDBOX_COMPILE_TIMEOUT", EnvironmentConfig::duration, limits::compileTimeout);
        set("JSANDBOX_MEMORY", EnvironmentConfig::size, limits::memoryBytes);
        set("JSANDBOX_MAX_PROCESSES", EnvironmentConfig::integer, limits::maxProcesses);
        set("JSANDBOX_CPUS", Double::parseDouble, limits::cpus);
        set("JSANDBOX_MAX_CODE_BYTES", EnvironmentConfig::intSize, limits::maxCodeBytes);
        set("JSANDBOX_MAX_OUTPUT_BYTES", EnvironmentConfig::intSize, limits::maxOutputBytes);
        set("JSANDBOX_MAX_STDIN_BYTES", EnvironmentConfig::intSize, limits::maxStdinBytes);
        set("JSANDBOX_WORKSPACE_BYTES", EnvironmentConfig::size, limits::workspaceBytes);
        set("JSANDBOX_MAX_TEST_CASES", EnvironmentConfig::integer, limits::maxTestCases);
        ServerMode mode = get("JSANDBOX_MODE", ServerMode::parse, m -> { }, ServerMode.STANDALONE);
        BrokerUrl brokerUrl = get("JSANDBOX_REDIS_URL", BrokerUrl::new, url -> { }, null);
        Duration resultTtl = get("JSANDBOX_RESULT_TTL", EnvironmentConfig::duration,
                ttl -> RedisSandbox.builder("redis://unused").resultTimeToLive(ttl), Duration.ofHours(1));
        int brokerQueueSize = get("JSANDBOX_BROKER_QUEUE_SIZE", EnvironmentConfig::integer,
                size -> RedisSandbox.builder("redis://unused").maxQueueLength(size), 10_000);
        Limits built;
        try {
            built = limits.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the execution limits from JSANDBOX_* are invalid: " + e.getMessage(), e);
        }
        return new ServerConfig(bindAddress, port, maxConnections, idleTimeout, api.build(), built, maxConcurrent,
                maxQueued, ociRuntime, keyFile, logFormat, shutdownGrace, mode, brokerUrl, resultTtl,
                brokerQueueSize);
    }

    /** The value of a setting, or null when unset or empty. */
    @Nullable String value(String variable) {
        String value = properties.getProperty(propertyName(variable));
        if (value == null || value.isBlank()) {
            value = environment.get(variable);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String propertyName(String variable) {
        return variable.equals("PORT") ? "jsandbox.port" : variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private <T> void set(String variable, Function<String, T> parse, Consumer<T> setter) {
        get(variable, parse, setter, null);
    }

    /** The setting's value, given to {@code setter} (which checks it), or {@code otherwise} when unset. */
    private <T> T get(String variable, Function<String, T> parse, Consumer<T> setter, T otherwise) {
        String text = value(variable);
        if (text == null) {
            return otherwise;
        }
        try {
            T parsed = parse.apply(text);
            setter.accept(parsed);
            return parsed;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // The API key's value must never appear in a message.
            String shown = variable.endsWith("API_KEY") || variable.equals("JSANDBOX_REDIS_URL") ? "(hidden)"
                    : "'" + text + "'";
            throw new IllegalArgumentException(variable + " (or -D" + propertyName(variable) + ") = " + shown
                    + " is invalid: " + e.getMessage(), e);
        }
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number");
        }
    }

    /** A byte count: digits with an optional binary suffix, e.g. {@code 65536}, {@code 64k}, {@code 256m}, {@code 1g}. */
    static long size(String text) {
        Matcher matcher = SIZE.matcher(text.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a byte count such as 65536, 64k, 256m or 1g");
        }
        long unit = switch (matcher.group(2)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
    }

    private static int intSize(String text) {
        long bytes = size(text);
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " bytes are supported");
        }
        return (int) bytes;
    }

    /** A duration such as {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 like {@code PT5S}. */
    static Duration duration(String text) {
        if (text.toUpperCase(Locale.ROOT).startsWith("PT")) {
            return Duration.parse(text);
        }
        Matcher matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 5s, 2m or PT5S");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
