package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API key and CORS, over real HTTP against a fake sandbox. */
class AccessControlTest {

    private static final String KEY = "k3y-for-tests-0123456789";
    private static final String APP = "https://app.example.com";
    private final FakeSandbox sandbox = new FakeSandbox();
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutAKeyEveryoneMayCall() {
        ApiClient client = start(SandboxApiOptions.builder());
        assertEquals(200, client.get(SandboxApi.LANGUAGES_PATH).status());
        assertEquals(200, client.get(SandboxApi.LANGUAGES_PATH, "Authorization", "Bearer anything-at-all").status());
    }

    @Test
    void withAKeyRequestsWithoutItGet401() {
        ApiClient client = start(SandboxApiOptions.builder().apiKey(KEY));
        ApiClient.Reply missing = client.execute("{\"code\":\"x\",\"language\":\"fake\"}");
        ErrorResponsesTest.assertProblem(missing, 401);
        assertTrue(missing.header("WWW-Authenticate").startsWith("Bearer"), missing.headers()::toString);
        ErrorResponsesTest.assertProblem(client.get(SandboxApi.HEALTH_PATH, "Authorization", "Bearer wrong-key-0123456789"), 401);
        ErrorResponsesTest.assertProblem(client.get(SandboxApi.HEALTH_PATH, "X-API-Key", KEY + "x"), 401);
        ErrorResponsesTest.assertProblem(client.get("/api/unknown"), 401);
        assertTrue(sandbox.received.isEmpty(), "nothing reached the sandbox");
    }

    @Test
    void withAKeyEitherHeaderWorks() {
        ApiClient client = start(SandboxApiOptions.builder().apiKey(KEY));
        ApiClient.Reply bearer = client.execute("{\"code\":\"x\",\"language\":\"fake\"}", "Authorization", "Bearer " + KEY);
        assertEquals(200, bearer.status(), bearer::body);
        assertEquals(200, client.get(SandboxApi.LANGUAGES_PATH, "authorization", "bearer " + KEY).status());
        assertEquals(200, client.get(SandboxApi.HEALTH_PATH, "X-API-Key", KEY).status());
    }

    @Test
    void allowsConfiguredOriginsOnly() {
        ApiClient client = start(SandboxApiOptions.builder().corsOrigins(List.of(APP)));
        ApiClient.Reply allowed = client.get(SandboxApi.LANGUAGES_PATH, "Origin", APP);
        assertEquals(APP, allowed.header("Access-Control-Allow-Origin"));
        assertTrue(allowed.header("Vary").contains("Origin"));
        assertTrue(allowed.header("Access-Control-Expose-Headers").contains("Retry-After"));

        ApiClient.Reply other = client.get(SandboxApi.LANGUAGES_PATH, "Origin", "https://evil.example");
        ErrorResponsesTest.assertProblem(other, 403); // Vert.x's CorsHandler refuses rather than answer unmarked
        assertNull(other.header("Access-Control-Allow-Origin"));
        assertTrue(other.header("Vary").contains("Origin"));
        assertTrue(sandbox.received.isEmpty(), "nothing reached the sandbox");
    }

    @Test
    void answersPreflightsEvenWithAKey() {
        ApiClient client = start(SandboxApiOptions.builder().apiKey(KEY).corsOrigins(List.of(APP)));
        ApiClient.Reply preflight = client.send(client.request(SandboxApi.EXECUTE_PATH, "Origin", APP,
                        "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "content-type, x-api-key")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(204, preflight.status());
        assertEquals(APP, preflight.header("Access-Control-Allow-Origin"));
        assertTrue(preflight.header("Access-Control-Allow-Methods").contains("POST"));
        assertTrue(preflight.header("Access-Control-Allow-Headers").contains(ApiKey.HEADER));

        ApiClient.Reply refused = client.send(client.request(SandboxApi.EXECUTE_PATH, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(403, refused.status());
        assertNull(refused.header("Access-Control-Allow-Origin"));

        ApiClient.Reply unauthorized = client.get(SandboxApi.HEALTH_PATH, "Origin", APP);
        assertEquals(401, unauthorized.status());
        assertEquals(APP, unauthorized.header("Access-Control-Allow-Origin"), "the page can read why it failed");
    }

    @Test
    void aStarAllowsEveryOrigin() {
        ApiClient client = start(SandboxApiOptions.builder().corsOrigins(List.of(APP, "*")));
        ApiClient.Reply reply = client.get(SandboxApi.LANGUAGES_PATH, "Origin", "https://any.example");
        assertEquals(200, reply.status());
        assertEquals("*", reply.header("Access-Control-Allow-Origin"));
    }

    @Test
    void withoutOriginsNoCorsHeaderIsSent() {
        ApiClient client = start(SandboxApiOptions.builder());
        ApiClient.Reply reply = client.get(SandboxApi.LANGUAGES_PATH, "Origin", APP);
        assertFalse(reply.headers().map().keySet().stream().anyMatch(h -> h.toLowerCase().startsWith("access-control")),
                reply.headers()::toString);
    }

    private ApiClient start(SandboxApiOptions.Builder options) {
        server = TestServer.start(sandbox, options.build());
        return new ApiClient(server);
    }
}
