package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SandboxApi#drain}: admitted requests finish, new ones get 503, liveness stays 200. */
class DrainingTest {

    private final FakeSandbox sandbox = new FakeSandbox();
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void drainingRefusesNewRequestsAndWaitsForAdmittedOnes() throws Exception {
        server = TestServer.start(sandbox);
        ApiClient client = new ApiClient(server);
        assertEquals(200, client.get(SandboxApi.READY_PATH).status());
        CountDownLatch release = new CountDownLatch(1);
        sandbox.blockUntil(release);
        CompletableFuture<ApiClient.Reply> admitted = CompletableFuture.supplyAsync(() ->
                client.execute("{\"code\":\"x\",\"language\":\"fake\"}"));
        assertTrue(sandbox.started.await(30, TimeUnit.SECONDS));

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return server.api().drain(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        ApiClient.Reply refused = pollUntil503(client);
        assertEquals("tag:jsandbox.dev,2025:shutting-down", refused.json().get("type").asText());
        assertEquals("close", refused.header("Connection"));
        ErrorResponsesTest.assertProblem(client.execute("{\"code\":\"y\",\"language\":\"fake\"}"), 503);
        assertEquals(200, client.get(SandboxApi.LIVE_PATH).status(), "alive while draining");
        assertFalse(drained.isDone(), "the admitted execution still runs");

        release.countDown();
        assertEquals(200, admitted.get(30, TimeUnit.SECONDS).status());
        assertTrue(drained.get(30, TimeUnit.SECONDS), "drained within the grace period");
        assertEquals(1, sandbox.received.size(), "the refused execution never reached the sandbox");
    }

    @Test
    void drainGivesUpAfterItsGracePeriod() throws Exception {
        server = TestServer.start(sandbox);
        ApiClient client = new ApiClient(server);
        CountDownLatch release = new CountDownLatch(1);
        sandbox.blockUntil(release);
        CompletableFuture<ApiClient.Reply> admitted = CompletableFuture.supplyAsync(() ->
                client.execute("{\"code\":\"x\",\"language\":\"fake\"}"));
        assertTrue(sandbox.started.await(30, TimeUnit.SECONDS));
        assertFalse(server.api().drain(Duration.ofMillis(200)), "the execution outlives the grace period");
        release.countDown();
        assertEquals(200, admitted.get(30, TimeUnit.SECONDS).status());
    }

    /** The drain starts on another thread: poll until it refuses. */
    private static ApiClient.Reply pollUntil503(ApiClient client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            ApiClient.Reply reply = client.get(SandboxApi.READY_PATH);
            if (reply.status() == 503 || System.nanoTime() > deadline) {
                ErrorResponsesTest.assertProblem(reply, 503);
                return reply;
            }
            Thread.sleep(20);
        }
    }
}
