package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.testkit.DockerSandboxExtension;
import dev.jsandbox.testkit.RequiresDocker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API over real HTTP against a real Docker sandbox: happy paths, the sandbox's own errors, concurrency. */
@RequiresDocker
class ExecuteApiIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static TestServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start(DockerSandboxExtension.sharedSandbox());
        client = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theOriginalSystemsCurlExample() {
        ApiClient.Reply reply = client.execute("{\"code\":\"print(\\\"Hello World!\\\")\",\"language\":\"python\"}");
        assertEquals(200, reply.status(), reply::body);
        JsonNode result = reply.json();
        assertAll(
                () -> assertEquals("Hello World!\n", result.get("stdout").asText()),
                () -> assertEquals("", result.get("stderr").asText()),
                () -> assertEquals(0, result.get("exitCode").asInt()),
                () -> assertTrue(result.get("executionTime").isIntegralNumber(), "milliseconds"),
                () -> assertEquals("SUCCESS", result.get("status").asText()));
    }

    @Test
    void passesInputAndArgs() {
        JsonNode result = run(request("py", "import sys\nprint(input()[::-1], sys.argv[1:])")
                .put("input", "olleh\n").set("args", MAPPER.valueToTree(List.of("a", "b c"))));
        assertEquals("hello ['a', 'b c']\n", result.get("stdout").asText(), result::toString);
    }

    @Test
    void requestLimitsLowerTheConfiguredOnes() {
        ObjectNode request = request("python3", "while True: pass");
        request.putObject("limits").put("timeoutMs", 1000);
        JsonNode result = run(request);
        assertEquals("TIMEOUT", result.get("status").asText(), result::toString);
        assertEquals(137, result.get("exitCode").asInt(), "killed at the deadline: 128 + SIGKILL");

        ObjectNode flood = request("python", "print('x' * 10000)");
        flood.putObject("limits").put("maxOutputBytes", 100);
        JsonNode truncated = run(flood);
        assertEquals("OUTPUT_LIMIT_EXCEEDED", truncated.get("status").asText(), truncated::toString);
        assertTrue(truncated.get("stdoutTruncated").asBoolean());
        assertEquals(100, truncated.get("stdout").asText().length());
    }

    @Test
    void judgesTestCasesWithSeveralFiles() {
        ObjectNode request = request("python", "from lib.util import add\na, b = map(int, input().split())\nprint(add(a, b))");
        request.set("files", MAPPER.valueToTree(List.of(java.util.Map.of("name", "lib/util.py",
                "content", "def add(a, b):\n    return a + b\n"))));
        request.set("testCases", MAPPER.valueToTree(List.of(java.util.Map.of("input", "1 2", "expectedOutput", "3"),
                java.util.Map.of("input", "2 2", "expectedOutput", "5"))));
        request.put("compare", "tokens");
        JsonNode result = run(request);
        assertAll(
                () -> assertEquals("WRONG_ANSWER", result.get("verdict").asText(), result::toString),
                () -> assertEquals(1, result.get("passed").asInt()),
                () -> assertEquals(2, result.get("total").asInt()),
                () -> assertEquals(2, result.get("testCases").size()),
                () -> assertTrue(result.get("testCases").get(0).get("passed").asBoolean()),
                () -> assertFalse(result.get("testCases").get(1).get("passed").asBoolean()),
                () -> assertEquals("4\n", result.get("stdout").asText(), "the first case that did not pass"),
                () -> assertTrue(result.get("peakMemoryBytes").asLong() > 0));
    }

    @Test
    void aResultWithoutTestCasesHasNoJudgeFields() {
        JsonNode result = run(request("python", "print(1)"));
        assertAll(
                () -> assertFalse(result.has("verdict"), result::toString),
                () -> assertFalse(result.has("testCases"), result::toString),
                () -> assertTrue(result.get("peakMemoryBytes").asLong() > 0, result::toString),
                () -> assertFalse(result.get("compileOutputTruncated").asBoolean()));
    }

    @Test
    void limitsAboveTheConfiguredOnesAre400() {
        ObjectNode request = request("python", "print(1)");
        request.putObject("limits").put("timeoutMs", 3_600_000);
        JsonNode problem = ErrorResponsesTest.assertProblem(client.execute(request.toString()), 400);
        assertTrue(problem.get("detail").asText().contains("may only lower"), problem::toString);
    }

    @Test
    void codeOverTheSizeCapIs400() {
        String code = "#" + "x".repeat(60_000);
        JsonNode problem = ErrorResponsesTest.assertProblem(client.execute(request("python", code).toString()), 400);
        assertTrue(problem.get("detail").asText().contains("more than the limit of 50000 bytes"), problem::toString);
    }

    @Test
    void unknownLanguageIs400ListingTheKnownOnes() {
        JsonNode problem = ErrorResponsesTest.assertProblem(client.execute(request("cobol", "x").toString()), 400);
        assertTrue(MAPPER.convertValue(problem.get("knownLanguages"), List.class).contains("python"), problem::toString);
    }

    @Test
    void listsLanguagesWithVersions() {
        ApiClient.Reply reply = client.get(SandboxApi.LANGUAGES_PATH);
        assertEquals(200, reply.status());
        JsonNode python = null;
        for (JsonNode language : reply.json()) {
            if (language.get("id").asText().equals("python")) {
                python = language;
            }
        }
        assertTrue(python != null && python.get("available").asBoolean(), reply::body);
        assertTrue(python.get("version").asText().matches("3\\.\\d+.*"), reply::body);
        assertTrue(python.get("aliases").toString().contains("py"), reply::body);
    }

    @Test
    void reportsHealth() {
        ApiClient.Reply reply = client.get(SandboxApi.HEALTH_PATH);
        assertEquals(200, reply.status(), reply::body);
        JsonNode health = reply.json();
        assertEquals("UP", health.get("status").asText());
        assertTrue(health.get("engineVersion").asText().startsWith("Docker"), reply::body);
        assertTrue(health.get("images").get("jsandbox/python:3").asBoolean(), reply::body);
        assertEquals(DockerSandbox.Builder.DEFAULT_MAX_QUEUED_EXECUTIONS, health.get("maxQueuedExecutions").asInt(),
                "the sandbox's own queue");
    }

    /**
     * 30 requests at once, in every language with an image (compiled ones included) and of several kinds, each
     * answered with its own output: no result reaches the wrong client, no request is lost.
     */
    @Test
    void answersThirtyConcurrentRequestsOfMixedLanguagesEachCorrectly() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i * 7;
            cases.add(switch (i % 10) {
                case 0 -> new Case(request("javascript", "console.log(%d * 7)".formatted(i)), "SUCCESS", n + "\n");
                case 1 -> new Case(request("ts", "const n: number = %d * 7;\nconsole.log(n)".formatted(i)), "SUCCESS",
                        n + "\n");
                case 2 -> new Case(request("java", "public class Main { public static void main(String[] a) {"
                        + " System.out.println(%d * 7); } }".formatted(i)), "SUCCESS", n + "\n");
                case 3 -> new Case(request("c", "#include <stdio.h>\nint main(void) { printf(\"%%d\\n\", %d * 7); }"
                        .formatted(i)), "SUCCESS", n + "\n");
                case 4 -> new Case(request("cpp", "#include <iostream>\nint main() { std::cout << %d * 7 << '\\n'; }"
                        .formatted(i)), "SUCCESS", n + "\n");
                case 5 -> new Case(request("go", "package main\nimport \"fmt\"\nfunc main() { fmt.Println(%d * 7) }"
                        .formatted(i)), "SUCCESS", n + "\n");
                case 6 -> new Case(request("python", "print(input().upper())").put("input", "case " + i), "SUCCESS",
                        "CASE " + i + "\n");
                case 7 -> new Case(request("py", "import sys\nprint(%d)\nsys.exit(3)".formatted(n)), "RUNTIME_ERROR",
                        n + "\n");
                case 8 -> new Case(request("python3", "print(%d)\n1/0".formatted(n)), "RUNTIME_ERROR", n + "\n");
                default -> new Case(request("PYTHON", "print('ünï %d ✓')".formatted(n)), "SUCCESS", "ünï " + n + " ✓\n");
            });
        }
        List<CompletableFuture<ApiClient.Reply>> replies = cases.stream()
                .map(c -> client.executeAsync(c.request().toString())).toList();
        for (int i = 0; i < cases.size(); i++) {
            ApiClient.Reply reply = replies.get(i).get(120, TimeUnit.SECONDS);
            Case expected = cases.get(i);
            assertEquals(200, reply.status(), reply::body);
            assertEquals(expected.status(), reply.json().get("status").asText(), reply::body);
            assertEquals(expected.stdout(), reply.json().get("stdout").asText(), reply::body);
        }
    }

    private record Case(ObjectNode request, String status, String stdout) {
    }

    private static ObjectNode request(String language, String code) {
        return MAPPER.createObjectNode().put("code", code).put("language", language);
    }

    private static JsonNode run(ObjectNode request) {
        ApiClient.Reply reply = client.execute(request.toString());
        assertEquals(200, reply.status(), reply::body);
        assertFalse(reply.body().isEmpty());
        return reply.json();
    }
}
