package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.ImageMissingException;
import dev.jsandbox.api.SandboxHealth;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every error status over real HTTP, against a fake sandbox: the adapter's own behaviour, without Docker. */
class ErrorResponsesTest {

    private static final int BODY_CAP = 4096;
    private static final FakeSandbox sandbox = new FakeSandbox();
    private static TestServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start(sandbox, SandboxApiOptions.builder().maxBodyBytes(BODY_CAP).build());
        client = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        sandbox.behaviour = FakeSandbox::echo;
    }

    @Test
    void executesAValidRequest() {
        ApiClient.Reply reply = client.execute("{\"code\":\"hello\",\"language\":\"fake\",\"input\":\"in\"}");
        assertEquals(200, reply.status());
        assertEquals("hello", reply.json().get("stdout").asText());
        assertEquals("in", reply.json().get("stderr").asText());
    }

    @Test
    void malformedJsonIs400() {
        JsonNode problem = assertProblem(client.execute("{\"code\": \"x\", "), 400);
        assertTrue(problem.get("detail").asText().contains("not valid JSON"), problem::toString);
    }

    @Test
    void missingCodeIs400() {
        JsonNode problem = assertProblem(client.execute("{\"language\":\"fake\"}"), 400);
        assertTrue(problem.get("detail").asText().contains("required property \"code\""), problem::toString);
    }

    @Test
    void wronglyTypedFieldIs400() {
        JsonNode problem = assertProblem(client.execute("{\"code\":\"x\",\"language\":\"fake\",\"input\":5}"), 400);
        assertTrue(problem.get("detail").asText().startsWith("'input'"), problem::toString);
    }

    @Test
    void unknownLanguageIs400ListingTheKnownOnes() {
        JsonNode problem = assertProblem(client.execute("{\"code\":\"x\",\"language\":\"cobol\"}"), 400);
        assertEquals("tag:jsandbox.dev,2025:unknown-language", problem.get("type").asText());
        assertEquals(List.of("fake"), List.of(problem.get("knownLanguages").get(0).asText()));
        assertTrue(problem.get("detail").asText().contains("fake"), problem::toString);
    }

    @Test
    void bodyOverTheCapIs413() {
        String code = "x".repeat(BODY_CAP);
        JsonNode problem = assertProblem(client.execute("{\"code\":\"" + code + "\",\"language\":\"fake\"}"), 413);
        assertTrue(problem.get("detail").asText().contains(Integer.toString(BODY_CAP)), problem::toString);
        assertTrue(sandbox.received.stream().noneMatch(request -> request.code().equals(code)), "never executed");
    }

    @Test
    void chunkedBodyOverTheCapIs413() {
        // A body of unknown length (chunked) must be cut at the cap too, not buffered to the end.
        byte[] body = ("{\"code\":\"" + "y".repeat(3 * BODY_CAP) + "\",\"language\":\"fake\"}").getBytes();
        HttpRequest request = client.request(SandboxApi.EXECUTE_PATH, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        assertProblem(client.send(request), 413);
    }

    @Test
    void wrongContentTypeIs415() {
        JsonNode problem = assertProblem(client.post(SandboxApi.EXECUTE_PATH, "code=x", "Content-Type", "text/plain"), 415);
        assertTrue(problem.get("detail").asText().contains("application/json"), problem::toString);
    }

    @Test
    void unknownPathIs404() {
        assertProblem(client.get("/api/nothing-here"), 404);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        ApiClient.Reply reply = client.get(SandboxApi.EXECUTE_PATH);
        assertProblem(reply, 405);
        assertEquals("POST", reply.header("Allow"));
        ApiClient.Reply health = client.post(SandboxApi.HEALTH_PATH, "{}");
        assertProblem(health, 405);
        assertEquals("GET", health.header("Allow"));
    }

    @Test
    void engineDownIs503() {
        sandbox.behaviour = request -> {
            throw new EngineUnavailableException("cannot reach unix:///var/run/docker.sock; start it with X", null);
        };
        ApiClient.Reply reply = client.execute("{\"code\":\"x\",\"language\":\"fake\"}");
        JsonNode problem = assertProblem(reply, 503);
        assertEquals("tag:jsandbox.dev,2025:engine-unavailable", problem.get("type").asText());
        assertFalse(problem.get("detail").asText().contains("docker.sock"), "operator details stay in the log");
    }

    @Test
    void missingImageIs503NamingTheImage() {
        sandbox.behaviour = request -> {
            throw new ImageMissingException("fake/image:1", "docker/build-images.sh fake", "is missing");
        };
        JsonNode problem = assertProblem(client.execute("{\"code\":\"x\",\"language\":\"fake\"}"), 503);
        assertTrue(problem.get("detail").asText().contains("fake/image:1"), problem::toString);
    }

    @Test
    void unexpectedFailureIs500WithoutInternals() {
        sandbox.behaviour = request -> {
            throw new IllegalStateException("secret internal state");
        };
        ApiClient.Reply reply = client.execute("{\"code\":\"x\",\"language\":\"fake\"}");
        JsonNode problem = assertProblem(reply, 500);
        assertFalse(reply.body().contains("secret") || reply.body().contains("IllegalStateException")
                || reply.body().contains("\tat "), reply.body());
        assertTrue(problem.get("detail").asText().contains(problem.get("errorId").asText()), problem::toString);
    }

    @Test
    void healthIs503UnlessUp() {
        SandboxHealth up = sandbox.health;
        try {
            sandbox.health = new SandboxHealth(SandboxHealth.Status.DOWN, null, Map.of(), 0, 2,
                    List.of("engine unreachable"));
            ApiClient.Reply down = client.get(SandboxApi.HEALTH_PATH);
            assertEquals(503, down.status());
            assertEquals("DOWN", down.json().get("status").asText());
            assertFalse(down.json().get("engineReachable").asBoolean());
        } finally {
            sandbox.health = up;
        }
        ApiClient.Reply healthy = client.get(SandboxApi.HEALTH_PATH);
        assertEquals(200, healthy.status());
        assertEquals("UP", healthy.json().get("status").asText());
    }

    @Test
    void servesTheOpenApiDocumentItChecksAgainst() {
        ApiClient.Reply reply = client.get(SandboxApi.OPENAPI_PATH);
        assertEquals(200, reply.status());
        assertEquals(OpenApiContract.instance().document(), reply.json());
        assertEquals(List.of("/api/execute", "/api/submissions", "/api/submissions/{id}", "/api/languages", "/api/health", "/api/health/live", "/api/health/ready",
                        "/api/openapi.json"),
                iterate(reply.json().get("paths").fieldNames()));
    }

    static JsonNode assertProblem(ApiClient.Reply reply, int status) {
        assertEquals(status, reply.status(), reply::body);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::contentType);
        JsonNode problem = reply.json();
        assertEquals(status, problem.get("status").asInt());
        assertFalse(problem.get("detail").asText().isBlank());
        return problem;
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
