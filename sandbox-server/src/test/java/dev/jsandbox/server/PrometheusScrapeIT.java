package dev.jsandbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.testkit.DockerSandboxExtension;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real Prometheus scrapes the server: runs {@code prometheus} (Debian's package; {@code deploy/ensure-prometheus.sh}
 * installs it) on a free loopback port with a temporary configuration (1 s scrape interval, the metrics key as a
 * bearer credential) and storage, runs executions through the HTTP API, and asks Prometheus's query API until the
 * counter shows them. Everything listens on loopback only.
 *
 * <p>Fails rather than skips when {@code CI=true} and either Prometheus or the Docker Engine is missing.
 */
@Tag("docker")
class PrometheusScrapeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String KEY = "prometheus-scrape-it-key-0123456789";
    private static final String LOOPBACK = "127.0.0.1";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void prometheusScrapesTheExecutionsTheServerRan() throws Exception {
        Path prometheusBinary = requirePrometheus();
        Path work = Files.createTempDirectory("jsandbox-prometheus-it");
        try (ServerMetrics metrics = ServerMetrics.create(KEY)) {
            // One pre-started container (Python's) rather than one per language: this machine runs other tests too.
            DockerSandbox sandbox = sandbox(() -> DockerSandbox.builder().listener(metrics.sandboxListener())
                    .pool(PoolSettings.builder().minIdle(0).minIdle("python", 1).build()).build());
            try (sandbox; StandaloneHttpServer server = StandaloneHttpServer.builder().host(LOOPBACK).port(0)
                    .metrics(metrics).start(sandbox)) {
                int prometheusPort = freeLoopbackPort();
                Process prometheus = startPrometheus(prometheusBinary, work, server.port(), prometheusPort);
                try {
                    URI api = URI.create("http://" + LOOPBACK + ":" + prometheusPort);
                    awaitReady(api, prometheus, work);

                    execute(server, "print('one')");
                    execute(server, "print('two')");
                    execute(server, "import sys; sys.exit(3)");

                    double total = awaitValue(api, "sum(jsandbox_executions_total)", 3, prometheus, work);
                    assertEquals(3, total, "every execution counted once");
                    assertEquals(2, query(api, "jsandbox_executions_total{language=\"python\",status=\"success\"}")
                            .orElseThrow());
                    assertEquals(1, query(api,
                            "jsandbox_executions_total{language=\"python\",status=\"runtime_error\"}").orElseThrow());
                    assertEquals(3, awaitValue(api,
                            "sum(jsandbox_execution_queue_wait_seconds_count{language=\"python\"})", 3, prometheus,
                            work));
                    // The scrape itself went through the key: the target is up.
                    assertEquals(1, query(api, "up{job=\"jsandbox\"}").orElseThrow());
                    everyDashboardQueryRuns(api);
                } finally {
                    stop(prometheus);
                }
            }
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * Every query of deploy/grafana/jsandbox-dashboard.json is valid PromQL for this Prometheus, and the panels fed
     * by the executions above show data. Grafana's variables get what "All" and a short range would give them.
     */
    private void everyDashboardQueryRuns(URI api) throws IOException, InterruptedException {
        JsonNode dashboard = json.readTree(Path.of("..", "deploy", "grafana", "jsandbox-dashboard.json").toFile());
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String promql = target.path("expr").asText()
                        .replace("$__rate_interval", "1m").replace("$job", ".*").replace("$instance", ".*");
                boolean mustShowData = promql.startsWith("sum by (status) (rate(jsandbox_executions_total")
                        || promql.startsWith("sum(jsandbox_executions_running");
                // rate() needs two samples of a series in its window: polled, as Prometheus scrapes every second.
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (true) {
                    URI uri = api.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, response.statusCode(), panel.path("title").asText() + ": " + promql + " -> "
                            + response.body());
                    boolean hasData = !json.readTree(response.body()).path("data").path("result").isEmpty();
                    if (hasData || !mustShowData) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        fail(panel.path("title").asText() + " showed no data within " + DEADLINE.toSeconds() + " s: "
                                + promql);
                    }
                    Thread.sleep(250);
                }
                queries++;
            }
        }
        assertTrue(queries >= 11, "the dashboard has its panels' queries, found " + queries);
    }

    /** The sandbox, or a failure (CI) or skip (elsewhere) when no engine answers. */
    private static DockerSandbox sandbox(Supplier<DockerSandbox> build) {
        try {
            return build.get();
        } catch (SandboxException e) {
            String message = "no usable Docker Engine: " + e.getMessage();
            if (DockerSandboxExtension.isCi()) {
                fail("CI=true, so this test fails instead of skipping. " + message, e);
            }
            Assumptions.abort(message);
            throw e;
        }
    }

    /** The {@code prometheus} binary on the PATH, or a failure (CI) or skip (elsewhere) when there is none. */
    private static Path requirePrometheus() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            String message = "no prometheus binary on the PATH; run deploy/ensure-prometheus.sh (test.sh does)";
            if (DockerSandboxExtension.isCi()) {
                fail("CI=true, so this test fails instead of skipping: " + message);
            }
            Assumptions.abort(message);
        }
        return found.orElseThrow();
    }

    private static Process startPrometheus(Path binary, Path work, int serverPort, int prometheusPort)
            throws IOException {
        Path credentials = work.resolve("metrics-key");
        Files.writeString(credentials, KEY);
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "  evaluation_interval: 1s",
                "scrape_configs:",
                "  - job_name: jsandbox",
                "    authorization:",
                "      credentials_file: " + credentials,
                "    static_configs:",
                "      - targets: ['" + LOOPBACK + ":" + serverPort + "']",
                ""));
        return new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"),
                "--web.listen-address=" + LOOPBACK + ":" + prometheusPort,
                // Its own consoles are not needed, and Debian's defaults point at /etc and /usr/share.
                "--web.console.templates=" + work.resolve("consoles"),
                "--web.console.libraries=" + work.resolve("console_libraries"))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("prometheus.log").toFile())
                .start();
    }

    private void awaitReady(URI api, Process prometheus, Path work) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            requireAlive(prometheus, work);
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(api.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                fail("Prometheus was not ready within " + DEADLINE.toSeconds() + " s; its log:\n" + log(work));
            }
            Thread.sleep(100);
        }
    }

    /** Polls the query until its value reaches {@code expected}; returns the last value. */
    private double awaitValue(URI api, String promql, double expected, Process prometheus, Path work)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        OptionalDouble last = OptionalDouble.empty();
        while (last.isEmpty() || last.getAsDouble() < expected) {
            requireAlive(prometheus, work);
            if (System.nanoTime() > deadline) {
                fail("Prometheus did not show " + promql + " >= " + expected + " within " + DEADLINE.toSeconds()
                        + " s (last: " + last + "); its log:\n" + log(work));
            }
            Thread.sleep(250);
            last = query(api, promql).map(OptionalDouble::of).orElse(OptionalDouble.empty());
        }
        return last.getAsDouble();
    }

    /** The value of an instant query that yields one series, or empty when it yields none. */
    private Optional<Double> query(URI api, String promql) throws IOException, InterruptedException {
        URI uri = api.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = json.readTree(response.body()).path("data").path("result");
        if (result.isEmpty()) {
            return Optional.empty();
        }
        assertEquals(1, result.size(), "one series for " + promql + ": " + result);
        return Optional.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
    }

    private void execute(StandaloneHttpServer server, String code) throws IOException, InterruptedException {
        String body = json.createObjectNode().put("language", "python").put("code", code).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://" + LOOPBACK + ":" + server.port() + "/api/execute"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static void requireAlive(Process prometheus, Path work) {
        if (!prometheus.isAlive()) {
            fail("Prometheus exited with " + prometheus.exitValue() + "; its log:\n" + log(work));
        }
    }

    private static String log(Path work) {
        try {
            List<String> lines = Files.readAllLines(work.resolve("prometheus.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void stop(Process prometheus) throws InterruptedException {
        prometheus.destroy();
        if (!prometheus.waitFor(15, TimeUnit.SECONDS)) {
            prometheus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** A port free now on loopback; Prometheus binds it a moment later. */
    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
