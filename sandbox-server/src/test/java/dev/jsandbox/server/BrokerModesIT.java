package dev.jsandbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import dev.jsandbox.http.SandboxApi;
import dev.jsandbox.testkit.Poll;
import dev.jsandbox.testkit.RequiresDocker;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * The server jar in its two broker roles, as separate processes around a real redis-server of the test's own: an
 * api node (no engine) and a worker (DockerSandbox + RedisWorker). One execution goes end to end through
 * {@code POST /api/execute} of the api node and one through {@code /api/submissions}; the worker serves only its probes and {@code /metrics}; both stop
 * cleanly on SIGTERM and the worker leaves no container.
 */
@RequiresDocker
class BrokerModesIT {

    private static final Pattern API_LISTENING = Pattern.compile("api node listening on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern WORKER_LISTENING = Pattern.compile(
            "on sandbox instance ([0-9a-f-]{36}); probes and metrics on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PASSWORD = "broker-modes-it-0123456789abcdef";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void anApiNodeAndAWorkerExecuteThroughTheBroker() throws Exception {
        int redisPort = freePort();
        Process redis = startRedis(redisPort);
        Process worker = null;
        Process api = null;
        try {
            String url = "redis://:" + PASSWORD + "@127.0.0.1:" + redisPort;
            Path workerLog = dir.resolve("worker.log");
            worker = startServer(Map.of("JSANDBOX_MODE", "worker", "JSANDBOX_REDIS_URL", url,
                    "JSANDBOX_MAX_CONCURRENT_EXECUTIONS", "1"), workerLog);
            Matcher workerLine = awaitLine(worker, workerLog, WORKER_LISTENING);
            String instance = workerLine.group(1);
            URI workerBase = URI.create("http://127.0.0.1:" + workerLine.group(2));

            Path apiLog = dir.resolve("api.log");
            api = startServer(Map.of("JSANDBOX_MODE", "api", "JSANDBOX_REDIS_URL", url), apiLog);
            URI apiBase = URI.create("http://127.0.0.1:" + awaitLine(api, apiLog, API_LISTENING).group(1));

            assertEquals(200, send(workerBase, "GET", SandboxApi.LIVE_PATH, null).statusCode());
            Poll.until("the worker is ready", DEADLINE,
                    () -> send(workerBase, "GET", SandboxApi.READY_PATH, null).statusCode() == 200);
            assertEquals(404, send(workerBase, "POST", SandboxApi.EXECUTE_PATH, "{}").statusCode(),
                    "a worker runs nothing over HTTP");
            assertTrue(send(workerBase, "GET", ServerMetrics.PATH, null).body().contains("jsandbox_executions_running"));

            Poll.until("the api node sees the worker", DEADLINE,
                    () -> "UP".equals(json(send(apiBase, "GET", SandboxApi.HEALTH_PATH, null)).path("status").asText()));
            HttpResponse<String> executed = send(apiBase, "POST", SandboxApi.EXECUTE_PATH,
                    "{\"language\":\"python\",\"code\":\"print(6 * 7)\"}");
            assertEquals(200, executed.statusCode(), executed::body);
            JsonNode result = MAPPER.readTree(executed.body());
            assertEquals("42\n", result.get("stdout").asText());
            assertEquals("SUCCESS", result.get("status").asText());
            HttpResponse<String> unknown = send(apiBase, "POST", SandboxApi.EXECUTE_PATH,
                    "{\"language\":\"cobol\",\"code\":\"x\"}");
            assertEquals(400, unknown.statusCode(), "checked on the api node against the workers' languages: "
                    + unknown.body());
            // Asynchronously, through the broker as well.
            HttpResponse<String> accepted = send(apiBase, "POST", "/api/submissions",
                    "{\"language\":\"python\",\"code\":\"print(7 * 6)\"}");
            assertEquals(202, accepted.statusCode(), accepted::body);
            String id = json(accepted).get("id").asText();
            JsonNode submission = json(send(apiBase, "GET", "/api/submissions/" + id + "?wait=30", null));
            assertEquals("DONE", submission.get("state").asText(), submission::toString);
            assertEquals("42\n", submission.get("result").get("stdout").asText());
            assertEquals(409, send(apiBase, "DELETE", "/api/submissions/" + id, null).statusCode(), "finished");
            assertEquals(404, send(apiBase, "GET", "/api/submissions/00000000000000000000000000000000", null)
                    .statusCode());
                        Poll.until("the queue depth is served", DEADLINE, () -> send(apiBase, "GET", ServerMetrics.PATH, null)
                    .body().contains("jsandbox_broker_queue_depth 0.0"));

            for (Process process : List.of(api, worker)) {
                process.destroy(); // SIGTERM
                assertTrue(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "did not stop");
                assertEquals(0, process.exitValue());
            }
            String logs = Files.readString(apiLog) + Files.readString(workerLog);
            assertFalse(logs.contains(PASSWORD), "the broker's password is in a log");
            List<Container> left = DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("dev.jsandbox.instance", instance)).exec();
            assertEquals(List.of(), left.stream().map(Container::getId).toList(), "containers left by the worker");
        } finally {
            for (Process process : new Process[] {api, worker, redis}) {
                if (process != null) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private Process startServer(Map<String, String> variables, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "jsandbox-server.jar").toAbsolutePath().toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("JSANDBOX_") || name.equals("PORT"));
        builder.environment().putAll(variables);
        builder.environment().put("PORT", "0");
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static Matcher awaitLine(Process process, Path log, Pattern pattern) throws Exception {
        Matcher[] found = new Matcher[1];
        Poll.until("the server logged " + pattern, DEADLINE, () -> {
            try {
                for (String line : Files.readAllLines(log)) {
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.find()) {
                        found[0] = matcher;
                        return true;
                    }
                }
                assertTrue(process.isAlive(), () -> "the server ended:\n" + read(log));
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        return found[0];
    }

    private Process startRedis(int port) throws Exception {
        boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(path -> Files.isExecutable(Path.of(path, "redis-server")));
        if (!installed) {
            if ("true".equals(System.getenv("CI"))) {
                fail("redis-server is not installed: run deploy/ensure-redis.sh");
            }
            Assumptions.abort("redis-server is not installed: run deploy/ensure-redis.sh");
        }
        Process redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--requirepass", PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        Poll.until("redis-server listens", DEADLINE, () -> {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return redis;
    }

    private HttpResponse<String> send(URI base, String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(DEADLINE)
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
