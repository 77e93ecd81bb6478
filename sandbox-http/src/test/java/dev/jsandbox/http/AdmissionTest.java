package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jsandbox.api.SandboxBusyException;
import dev.jsandbox.api.SandboxHealth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admission is the sandbox's: the adapter passes its refusal on as 429 and its figures on in the health, and
 * cancels an execution whose client left. Made deterministic by a fake sandbox that refuses or blocks on demand.
 */
class AdmissionTest {

    private final FakeSandbox sandbox = new FakeSandbox();
    private final CountDownLatch release = new CountDownLatch(1);
    private TestServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        server = TestServer.start(sandbox);
        client = new ApiClient(server);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    @Test
    void aBusySandboxIs429WithItsOwnRetryAfter() {
        sandbox.behaviour = request -> {
            throw new SandboxBusyException("all 1 execution slots are taken", Duration.ofMillis(6500));
        };
        ApiClient.Reply rejected = client.execute(request("first"));
        JsonNode problem = ErrorResponsesTest.assertProblem(rejected, 429);
        assertEquals("tag:jsandbox.dev,2025:queue-full", problem.get("type").asText());
        assertEquals("7", rejected.header("Retry-After"), "the sandbox's hint, rounded up to whole seconds");
        assertEquals(7, problem.get("retryAfterSeconds").asInt());
    }

    @Test
    void interruptsTheExecutionWhenTheClientDisconnects() throws Exception {
        sandbox.blockUntil(release);
        CompletableFuture<ApiClient.Reply> abandoned = client.executeAsync(request("abandoned"));
        assertTrue(sandbox.started.await(10, TimeUnit.SECONDS), "execution started");
        abandoned.cancel(true); // HttpClient closes the connection of a cancelled HTTP/1.1 exchange

        assertTrue(sandbox.interruption.await(2, TimeUnit.SECONDS), "the execution's thread was interrupted at once,"
                + " which makes a real sandbox remove the container");
        assertEquals(List.of("abandoned"), sandbox.interrupted.stream().map(r -> r.code()).toList());
    }

    @Test
    void healthReportsTheSandboxsOwnQueue() {
        sandbox.health = new SandboxHealth(SandboxHealth.Status.UP, "Fake 1.0", Map.of("fake/image:1", true), 2, 2,
                List.of(), Map.of(), 3, 9);
        JsonNode health = client.get(SandboxApi.HEALTH_PATH).json();
        assertEquals(2, health.get("activeExecutions").asInt());
        assertEquals(3, health.get("queuedExecutions").asInt());
        assertEquals(9, health.get("maxQueuedExecutions").asInt());
    }

    private static String request(String code) {
        return "{\"code\":\"" + code + "\",\"language\":\"fake\"}";
    }
}
