package dev.jsandbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.jsandbox.http.SandboxApi;
import dev.jsandbox.testkit.RequiresDocker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * The server jar as its own process, stopped with SIGTERM while executions run: every admitted request gets its
 * result, new requests get 503 during the drain, the process exits with 0 and leaves no container. Its log is JSON
 * ({@code JSANDBOX_LOG_FORMAT=json}): every line parses, and none carries code, input, output or a key.
 */
@RequiresDocker
class ServerShutdownIT {

    private static final String KEY = "drain-test-key-0123456789";
    private static final String CODE_MARK = "CODE_MARK_7f3a";
    private static final String INPUT_MARK = "INPUT_MARK_91c2";
    private static final String OUTPUT_MARK = "OUTPUT_MARK_5d0e";
    /** Slow enough that SIGTERM surely arrives while all of them run; the output is built, so not in the code. */
    private static final String SLOW_PROGRAM = "import time  # " + CODE_MARK + "\\ntime.sleep(6)\\n"
            + "print('OUTPUT_' + 'MARK_5d0e', input())";
    private static final int SLOW_EXECUTIONS = 3;
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) .*"
            + "sandbox instance ([0-9a-f-]{36})");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sigtermDrainsAnswersEveryAdmittedExecutionExitsZeroAndRemovesEveryContainer() throws Exception {
        Path keys = dir.resolve("keys");
        Files.writeString(keys, "# test client\nalice sha256:" + KeyFileTest.sha256Hex(KEY) + " rpm=100\n");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", Path.of("target", "jsandbox-server.jar")
                .toAbsolutePath().toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("JSANDBOX_") || name.equals("PORT"));
        env.putAll(Map.of("PORT", "0", "JSANDBOX_LOG_FORMAT", "json", "JSANDBOX_API_KEYS_FILE", keys.toString(),
                "JSANDBOX_MAX_CONCURRENT_EXECUTIONS", Integer.toString(SLOW_EXECUTIONS), "JSANDBOX_CPUS", "0.5",
                "JSANDBOX_TIMEOUT", "30s"));
        // A file rather than a pipe: the JDK may close a process's pipe under a reader when the process exits.
        Path log = dir.resolve("server.log");
        builder.redirectOutput(log.toFile());
        Process server = builder.start();
        try {
            String[] found = new String[2];
            await("listening", () -> {
                for (String line : Files.readAllLines(log)) {
                    Matcher matcher = LISTENING.matcher(message(line));
                    if (matcher.find()) {
                        found[0] = matcher.group(1);
                        found[1] = matcher.group(2);
                        return true;
                    }
                }
                assertTrue(server.isAlive(), () -> "the server ended:\n" + read(log));
                return false;
            });
            URI base = URI.create("http://127.0.0.1:" + found[0]);
            String instance = found[1];
            await("ready", () -> send(base, "GET", SandboxApi.READY_PATH, null).statusCode() == 200);

            String body = "{\"language\":\"python\",\"code\":\"" + SLOW_PROGRAM + "\",\"input\":\"" + INPUT_MARK + "\"}";
            List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
            for (int i = 0; i < SLOW_EXECUTIONS; i++) {
                slow.add(CompletableFuture.supplyAsync(() -> send(base, "POST", SandboxApi.EXECUTE_PATH, body)));
            }
            await("all executions running", () -> MAPPER.readTree(send(base, "GET", SandboxApi.HEALTH_PATH, null)
                    .body()).get("activeExecutions").asInt() == SLOW_EXECUTIONS);

            server.destroy(); // SIGTERM

            await("draining", () -> isShuttingDown(send(base, "GET", SandboxApi.READY_PATH, null)));
            HttpResponse<String> refused = send(base, "POST", SandboxApi.EXECUTE_PATH,
                    "{\"language\":\"python\",\"code\":\"print(1)\"}");
            assertTrue(isShuttingDown(refused), refused::body);
            assertEquals(200, send(base, "GET", SandboxApi.LIVE_PATH, null).statusCode(), "live while draining");

            for (CompletableFuture<HttpResponse<String>> execution : slow) {
                HttpResponse<String> reply = execution.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                assertEquals(200, reply.statusCode(), reply::body);
                JsonNode result = MAPPER.readTree(reply.body());
                assertEquals("SUCCESS", result.get("status").asText(), reply::body);
                assertEquals(OUTPUT_MARK + " " + INPUT_MARK + "\n", result.get("stdout").asText());
            }
            assertTrue(server.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), () -> "still running:\n" + read(log));
            assertEquals(0, server.exitValue(), () -> read(log));
            List<String> lines = Files.readAllLines(log);

            DockerClient docker = DockerClientFactory.instance().client();
            List<Container> left = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("dev.jsandbox.managed", "true", "dev.jsandbox.instance", instance)).exec();
            assertEquals(List.of(), left.stream().map(Container::getId).toList(), "containers left by the server");
            assertJsonLogsWithoutUserData(lines);
        } finally {
            server.destroyForcibly();
        }
    }

    private static void assertJsonLogsWithoutUserData(List<String> lines) throws IOException {
        List<JsonNode> access = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event;
            try {
                event = MAPPER.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            for (String secret : List.of(CODE_MARK, INPUT_MARK, OUTPUT_MARK, KEY, "time.sleep")) {
                assertFalse(line.contains(secret), () -> "the log carries user data or a key: " + line);
            }
            if (event.path("loggerName").asText().equals("dev.jsandbox.http.access")) {
                access.add(event);
            }
        }
        List<Map<String, String>> fields = access.stream().map(ServerShutdownIT::fields).toList();
        List<Map<String, String>> executions = fields.stream()
                .filter(f -> "/api/execute".equals(f.get("path")) && "200".equals(f.get("status"))).toList();
        assertEquals(SLOW_EXECUTIONS, executions.size(), () -> "access lines: " + fields);
        for (Map<String, String> execution : executions) {
            assertEquals("alice", execution.get("client"));
            assertEquals("python", execution.get("language"));
            assertEquals("SUCCESS", execution.get("executionStatus"));
            assertTrue(execution.get("requestId").matches("[0-9a-f-]{36}"), execution::toString);
            assertTrue(Long.parseLong(execution.get("queueWaitMs")) >= 0, execution::toString);
            assertTrue(Long.parseLong(execution.get("durationMs")) >= Long.parseLong(execution.get("executionMs")),
                    execution::toString);
        }
        assertTrue(fields.stream().anyMatch(f -> "503".equals(f.get("status"))), () -> "no 503 logged: " + fields);
    }

    /** A JSON line's message (JSON escapes its slashes), or the line. */
    private static String message(String line) {
        try {
            return MAPPER.readTree(line).path("formattedMessage").asText(line);
        } catch (IOException e) {
            return line;
        }
    }

    /** Logback's kvpList: an array of one-member objects. */
    private static Map<String, String> fields(JsonNode event) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        event.path("kvpList").forEach(pair -> pair.fields()
                .forEachRemaining(entry -> fields.put(entry.getKey(), entry.getValue().asText())));
        return fields;
    }

    private static boolean isShuttingDown(HttpResponse<String> reply) throws IOException {
        return reply.statusCode() == 503
                && MAPPER.readTree(reply.body()).path("type").asText().equals("tag:jsandbox.dev,2025:shutting-down");
    }

    private HttpResponse<String> send(URI base, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(DEADLINE)
                .header("X-API-Key", KEY);
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls until {@code condition} holds, failing after the deadline. */
    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("not " + what + " within " + DEADLINE);
            }
            Thread.sleep(50);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }
}
