package dev.jsandbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.Limits;
import dev.jsandbox.docker.DockerSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EnvironmentConfigTest {

    @Test
    void defaultsWhenNothingIsSet() {
        ServerConfig config = read(Map.of(), new Properties());
        assertEquals(4000, config.port());
        assertEquals("127.0.0.1", config.bindAddress());
        assertEquals(Limits.defaults(), config.limits());
        assertNull(config.maxConcurrentExecutions(), "the library's default");
        assertEquals(DockerSandbox.Builder.DEFAULT_MAX_QUEUED_EXECUTIONS, config.maxQueuedExecutions());
        assertEquals(256, config.maxConnections());
        assertEquals(Duration.ofSeconds(30), config.idleTimeout());
        assertEquals(2 * 1024 * 1024, config.api().maxBodyBytes());
        assertNull(config.api().apiKey());
        assertEquals(List.of(), config.api().corsOrigins());
        assertNull(config.ociRuntime());
    }

    @Test
    void readsEverySetting() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("PORT", "8080"),
                Map.entry("JSANDBOX_BIND_ADDRESS", "0.0.0.0"),
                Map.entry("JSANDBOX_MAX_CONCURRENT_EXECUTIONS", "3"),
                Map.entry("JSANDBOX_QUEUE_SIZE", "0"),
                Map.entry("JSANDBOX_MAX_BODY_BYTES", "64k"),
                Map.entry("JSANDBOX_MAX_CONNECTIONS", "10"),
                Map.entry("JSANDBOX_IDLE_TIMEOUT", "PT1M"),
                Map.entry("JSANDBOX_API_KEY", "0123456789abcdef0123"),
                Map.entry("JSANDBOX_CORS_ORIGINS", "https://a.example, http://localhost:3000"),
                Map.entry("JSANDBOX_TIMEOUT", "2500ms"),
                Map.entry("JSANDBOX_COMPILE_TIMEOUT", "20s"),
                Map.entry("JSANDBOX_MEMORY", "512m"),
                Map.entry("JSANDBOX_MAX_PROCESSES", "20"),
                Map.entry("JSANDBOX_CPUS", "0.5"),
                Map.entry("JSANDBOX_MAX_CODE_BYTES", "100000"),
                Map.entry("JSANDBOX_MAX_OUTPUT_BYTES", "64KiB"),
                Map.entry("JSANDBOX_MAX_STDIN_BYTES", "1m"),
                Map.entry("JSANDBOX_WORKSPACE_BYTES", "1g"),
                Map.entry("JSANDBOX_MAX_TEST_CASES", "16"),
                Map.entry("JSANDBOX_OCI_RUNTIME", "runsc"));
        ServerConfig config = read(env, new Properties());
        assertEquals(8080, config.port());
        assertEquals("0.0.0.0", config.bindAddress());
        assertEquals(3, config.maxConcurrentExecutions());
        assertEquals(0, config.maxQueuedExecutions());
        assertEquals(65536, config.api().maxBodyBytes());
        assertEquals(10, config.maxConnections());
        assertEquals(Duration.ofMinutes(1), config.idleTimeout());
        assertEquals("0123456789abcdef0123", config.api().apiKey());
        assertEquals(List.of("https://a.example", "http://localhost:3000"), config.api().corsOrigins());
        assertEquals("runsc", config.ociRuntime());
        assertEquals(Limits.builder().timeout(Duration.ofMillis(2500)).compileTimeout(Duration.ofSeconds(20))
                .memoryBytes(512L << 20).maxProcesses(20).cpus(0.5).maxCodeBytes(100_000).maxOutputBytes(65536)
                .maxStdinBytes(1 << 20).workspaceBytes(1L << 30).maxTestCases(16).build(), config.limits());
    }

    @Test
    void aSystemPropertyWinsOverItsVariable() {
        Properties properties = new Properties();
        properties.setProperty("jsandbox.port", "9000");
        properties.setProperty("jsandbox.max.body.bytes", "8k");
        ServerConfig config = read(Map.of("PORT", "8080", "JSANDBOX_MAX_BODY_BYTES", "4k"), properties);
        assertEquals(9000, config.port());
        assertEquals(8192, config.api().maxBodyBytes());
    }

    @Test
    void emptyValuesCountAsUnset() {
        assertEquals(4000, read(Map.of("PORT", " "), new Properties()).port());
    }

    @Test
    void aMalformedValueNamesTheVariableAndTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("JSANDBOX_TIMEOUT", "5"), new Properties()));
        assertTrue(e.getMessage().contains("JSANDBOX_TIMEOUT"), e.getMessage());
        assertTrue(e.getMessage().contains("5s"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> read(Map.of("PORT", "70000"), new Properties()));
        assertTrue(e.getMessage().contains("PORT") && e.getMessage().contains("65535"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> read(Map.of("JSANDBOX_MEMORY", "1m"), new Properties()));
        assertTrue(e.getMessage().contains("memoryBytes"), e.getMessage());
    }

    @Test
    void aShortApiKeyIsRefusedWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("JSANDBOX_API_KEY", "hunter2"), new Properties()));
        assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        ServerConfig withKey = read(Map.of("JSANDBOX_API_KEY", "0123456789abcdef0123"), new Properties());
        assertFalse(withKey.toString().contains("0123456789"), withKey::toString);
    }

    @Test
    void aCorsOriginMustBeAnOrigin() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("JSANDBOX_CORS_ORIGINS", "https://a.example/app"), new Properties()));
        assertTrue(e.getMessage().contains("without a path"), e.getMessage());
    }

    @Test
    void sizesAndDurationsAcceptTheirUnits() {
        assertEquals(65536, EnvironmentConfig.size("64k"));
        assertEquals(3L << 30, EnvironmentConfig.size("3G"));
        assertEquals(100, EnvironmentConfig.size("100b"));
        assertEquals(Duration.ofMillis(750), EnvironmentConfig.duration("750ms"));
        assertEquals(Duration.ofMinutes(2), EnvironmentConfig.duration("2m"));
        assertEquals(Duration.ofHours(1), EnvironmentConfig.duration("1h"));
        assertThrows(IllegalArgumentException.class, () -> EnvironmentConfig.size("lots"));
        assertThrows(IllegalArgumentException.class, () -> EnvironmentConfig.duration("soon"));
    }

    @Test
    void aValueTheSandboxRefusesNamesItsVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("JSANDBOX_QUEUE_SIZE", "-1"), new Properties()));
        assertTrue(e.getMessage().contains("JSANDBOX_QUEUE_SIZE") && e.getMessage().contains("maxQueuedExecutions"),
                e.getMessage());
    }

    @Test
    void theBrokerModesNeedTheBrokerAndStandaloneRefusesIt() {
        assertEquals(ServerMode.STANDALONE, read(Map.of(), new Properties()).mode());
        ServerConfig api = read(Map.of("JSANDBOX_MODE", "api", "JSANDBOX_REDIS_URL", "redis://:s3cret@broker:6379",
                "JSANDBOX_RESULT_TTL", "10m", "JSANDBOX_BROKER_QUEUE_SIZE", "500"), new Properties());
        assertEquals(ServerMode.API, api.mode());
        assertEquals(java.time.Duration.ofMinutes(10), api.resultTimeToLive());
        assertEquals(500, api.brokerQueueSize());
        assertFalse(api.toString().contains("s3cret"), api.toString());
        assertEquals(ServerMode.WORKER, read(Map.of("JSANDBOX_MODE", "Worker", "JSANDBOX_REDIS_URL",
                "redis://broker"), new Properties()).mode());

        IllegalArgumentException noBroker = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("JSANDBOX_MODE", "worker"), new Properties()));
        assertTrue(noBroker.getMessage().contains("JSANDBOX_MODE=worker needs the broker: set JSANDBOX_REDIS_URL"),
                noBroker.getMessage());
        IllegalArgumentException unused = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("JSANDBOX_REDIS_URL", "redis://broker"), new Properties()));
        assertTrue(unused.getMessage().contains("JSANDBOX_MODE is standalone"), unused.getMessage());
        IllegalArgumentException badMode = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("JSANDBOX_MODE", "both"), new Properties()));
        assertTrue(badMode.getMessage().contains("expected standalone, api or worker"), badMode.getMessage());
        IllegalArgumentException badUrl = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("JSANDBOX_MODE", "api", "JSANDBOX_REDIS_URL", "http://u:pw@x"), new Properties()));
        assertFalse(badUrl.getMessage().contains("pw@"), badUrl.getMessage());
    }

    private static ServerConfig read(Map<String, String> env, Properties properties) {
        return new EnvironmentConfig(env, properties).read();
    }

    @Test
    void readsTheClientAndOperationSettings(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ServerConfig defaults = read(Map.of(), new Properties());
        assertEquals(0, defaults.api().defaultRequestsPerMinute(), "no rate limit unless asked");
        assertNull(defaults.api().clientKeys());
        assertEquals(LogFormat.PLAIN, defaults.logFormat());
        assertNull(defaults.shutdownGrace(), "the server's default: execution plus compile timeout, and 10 s");

        java.nio.file.Path keys = dir.resolve("keys");
        java.nio.file.Files.writeString(keys, "alice alice-key-0123456789abc rpm=5\n");
        ServerConfig config = read(Map.of("JSANDBOX_RATE_LIMIT_PER_MINUTE", "120", "JSANDBOX_API_KEYS_FILE",
                keys.toString(), "JSANDBOX_LOG_FORMAT", "JSON", "JSANDBOX_SHUTDOWN_GRACE", "45s"), new Properties());
        assertEquals(120, config.api().defaultRequestsPerMinute());
        assertEquals("alice", config.api().clientKeys().get().keys().get(0).name());
        assertEquals(LogFormat.JSON, config.logFormat());
        assertEquals(Duration.ofSeconds(45), config.shutdownGrace());

        java.nio.file.Files.writeString(keys, "alice alice-key-0123456789abc rpm=x\n");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("JSANDBOX_API_KEYS_FILE", keys.toString()), new Properties()));
        assertTrue(bad.getMessage().startsWith("JSANDBOX_API_KEYS_FILE"), bad.getMessage());
        assertTrue(bad.getMessage().contains("line 1"), bad.getMessage());
        assertFalse(bad.getMessage().contains("alice-key-0123456789abc"), bad.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("JSANDBOX_RATE_LIMIT_PER_MINUTE", "-1"), new Properties()));
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("JSANDBOX_LOG_FORMAT", "xml"), new Properties()));
    }
}
