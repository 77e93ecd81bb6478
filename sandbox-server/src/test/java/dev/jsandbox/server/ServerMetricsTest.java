package dev.jsandbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SandboxActivity;
import dev.jsandbox.api.SandboxListener;
import dev.jsandbox.http.FakeSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** GET /metrics on the standalone server: Prometheus text, its own optional key, outside the API's routes. */
class ServerMetricsTest {

    private static final String KEY = "0123456789abcdef-metrics";
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void servesTheSandboxsMetersAndTheJvmsInPrometheusText() throws Exception {
        try (ServerMetrics metrics = ServerMetrics.create(null)) {
            SandboxListener listener = metrics.sandboxListener();
            listener.sandboxStarted(new SandboxListener.SandboxStarted(
                    () -> new SandboxActivity(0, 0, Map.of("python", 1))));
            listener.executionFinished(new SandboxListener.ExecutionFinished("python", ExecutionStatus.SUCCESS, null,
                    Duration.ofMillis(2), Duration.ZERO, Duration.ofMillis(30), 9_000_000L, 0));
            listener.containerCreated(new SandboxListener.ContainerCreated("python"));
            StandaloneHttpServer server = StandaloneHttpServer.builder().port(0).metrics(metrics)
                    .start(new FakeSandbox());
            try {
                HttpResponse<String> response = get(server, "/metrics", null);

                assertEquals(200, response.statusCode());
                assertEquals("text/plain; version=0.0.4; charset=utf-8",
                        response.headers().firstValue("Content-Type").orElseThrow());
                String body = response.body();
                assertTrue(body.contains("jsandbox_executions_total{language=\"python\",status=\"success\"} 1.0"), body);
                assertTrue(body.contains("jsandbox_run_seconds_bucket{language=\"python\",le=\"0.05\"} 1"), body);
                assertTrue(body.contains("jsandbox_execution_queue_wait_seconds_count{language=\"python\"} 1"), body);
                assertTrue(body.contains("jsandbox_peak_memory_bytes_count{language=\"python\"} 1"), body);
                assertTrue(body.contains("jsandbox_pool_idle_containers{language=\"python\"} 1.0"), body);
                // Prometheus's client drops a "_created" suffix; the name must survive the rendering intact.
                assertTrue(body.contains("jsandbox_container_creations_total{language=\"python\"} 1.0"), body);
                assertTrue(body.contains("jsandbox_container_removals_total 0.0"), body);
                assertTrue(body.contains("jsandbox_container_removals_failed_total 0.0"), body);
                assertTrue(body.contains("jvm_memory_used_bytes"), body);
                assertTrue(body.contains("process_uptime_seconds"), body);
                // The API's routes still answer behind it.
                assertEquals(200, get(server, "/api/health", null).statusCode());
            } finally {
                server.close();
            }
        }
    }

    @Test
    void withAKeyOnlyRequestsThatPresentItGetTheMetrics() throws Exception {
        try (ServerMetrics metrics = ServerMetrics.create(KEY)) {
            StandaloneHttpServer server = StandaloneHttpServer.builder().port(0).metrics(metrics)
                    .start(new FakeSandbox());
            try {
                HttpResponse<String> none = get(server, "/metrics", null);
                assertEquals(401, none.statusCode());
                assertTrue(none.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
                assertFalse(none.body().contains("jvm_"), none.body());
                assertEquals(401, get(server, "/metrics", "Bearer " + KEY + "x").statusCode());
                assertEquals(401, get(server, "/metrics", "Bearer " + KEY.substring(1)).statusCode());
                assertEquals(401, get(server, "/metrics", "Bearer ").statusCode());
                HttpResponse<String> keyed = get(server, "/metrics", "Bearer " + KEY);
                assertEquals(200, keyed.statusCode());
                assertTrue(keyed.body().contains("jvm_memory_used_bytes"), keyed.body());
            } finally {
                server.close();
            }
        }
    }

    @Test
    void answersGetOnly() throws Exception {
        try (ServerMetrics metrics = ServerMetrics.create(null)) {
            StandaloneHttpServer server = StandaloneHttpServer.builder().port(0).metrics(metrics)
                    .start(new FakeSandbox());
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(server, "/metrics"))
                        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(405, response.statusCode());
                assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElseThrow());
            } finally {
                server.close();
            }
        }
    }

    @Test
    void withoutMetricsTheServerHasNoMetricsRoute() throws Exception {
        StandaloneHttpServer server = StandaloneHttpServer.builder().port(0).start(new FakeSandbox());
        try {
            assertEquals(404, get(server, "/metrics", null).statusCode());
        } finally {
            server.close();
        }
    }

    @Test
    void refusesAShortKeyWithoutShowingIt() {
        Properties properties = new Properties();
        properties.setProperty("jsandbox.metrics.key", "short-secret");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ServerMetrics.fromEnvironment(new EnvironmentConfig(Map.of(), properties)));
        assertTrue(refused.getMessage().startsWith("JSANDBOX_METRICS_KEY"), refused.getMessage());
        assertFalse(refused.getMessage().contains("short-secret"), refused.getMessage());
    }

    @Test
    void readsTheKeyFromTheEnvironment() {
        try (ServerMetrics metrics = ServerMetrics.fromEnvironment(
                new EnvironmentConfig(Map.of("JSANDBOX_METRICS_KEY", KEY), new Properties()))) {
            assertTrue(metrics.keyRequired());
        }
        try (ServerMetrics metrics = ServerMetrics.fromEnvironment(new EnvironmentConfig(Map.of(), new Properties()))) {
            assertFalse(metrics.keyRequired());
        }
    }

    private HttpResponse<String> get(StandaloneHttpServer server, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(StandaloneHttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
