package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bounded concurrency and cancellation, made deterministic by a fake sandbox whose executions block until the
 * test releases them.
 */
class AdmissionTest {

    private final FakeSandbox sandbox = new FakeSandbox();
    private final CountDownLatch release = new CountDownLatch(1);
    private SandboxServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        sandbox.blockUntil(release);
        server = SandboxServer.start(sandbox, ServerConfig.builder().port(0)
                .maxConcurrentExecutions(1).queueSize(1).build());
        client = new ApiClient(server);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    @Test
    void rejectsWith429AtOnceWhenSlotsAndQueueAreFull() throws Exception {
        CompletableFuture<ApiClient.Reply> running = client.executeAsync(request("first"));
        assertTrue(sandbox.started.await(10, TimeUnit.SECONDS), "first execution started");
        CompletableFuture<ApiClient.Reply> queued = client.executeAsync(request("second"));
        awaitQueued(1);

        ApiClient.Reply rejected = client.execute(request("third"));
        JsonNode problem = ErrorResponsesTest.assertProblem(rejected, 429);
        assertEquals("tag:jsandbox.dev,2025:queue-full", problem.get("type").asText());
        assertEquals("5", rejected.header("Retry-After"), "one default timeout");

        release.countDown();
        assertEquals(List.of("first", "second"), List.of(
                running.get(10, TimeUnit.SECONDS).json().get("stdout").asText(),
                queued.get(10, TimeUnit.SECONDS).json().get("stdout").asText()));
        assertEquals(List.of("first", "second"), sandbox.received.stream().map(r -> r.code()).toList(),
                "the rejected request never reached the sandbox");
    }

    @Test
    void interruptsTheExecutionWhenTheClientDisconnects() throws Exception {
        CompletableFuture<ApiClient.Reply> abandoned = client.executeAsync(request("abandoned"));
        assertTrue(sandbox.started.await(10, TimeUnit.SECONDS), "execution started");
        abandoned.cancel(true); // HttpClient closes the connection of a cancelled HTTP/1.1 exchange

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sandbox.interrupted.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("abandoned"), sandbox.interrupted.stream().map(r -> r.code()).toList(),
                "the execution's thread was interrupted, which makes a real sandbox remove the container");
    }

    @Test
    void healthCountsQueuedExecutions() throws Exception {
        client.executeAsync(request("first"));
        assertTrue(sandbox.started.await(10, TimeUnit.SECONDS));
        client.executeAsync(request("second"));
        awaitQueued(1);
        JsonNode health = client.get(ApiRouter.HEALTH).json();
        assertEquals(1, health.get("queuedExecutions").asInt());
        assertEquals(1, health.get("maxQueuedExecutions").asInt());
    }

    private void awaitQueued(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queued() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, queued(), "requests waiting in the queue");
    }

    private int queued() {
        return client.get(ApiRouter.HEALTH).json().get("queuedExecutions").asInt();
    }

    private static String request(String code) {
        return "{\"code\":\"" + code + "\",\"language\":\"fake\"}";
    }
}
