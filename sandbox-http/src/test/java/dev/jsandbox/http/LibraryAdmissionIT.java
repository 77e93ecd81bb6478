package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.testkit.RequiresDocker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 429 comes from the library's admission, over a real engine: one slot, no queue, a program that sleeps. A
 * request arriving while it runs is refused at once with the sandbox's Retry-After, and the health shows the
 * sandbox's own figures.
 */
@RequiresDocker
class LibraryAdmissionIT {

    private static final String SLEEPER =
            "{\"code\":\"import time\\ntime.sleep(3)\\nprint('done')\",\"language\":\"python\"}";

    @Test
    void aRequestBeyondTheSandboxsSlotsAndQueueIs429() throws Exception {
        try (DockerSandbox sandbox = DockerSandbox.builder().maxConcurrentExecutions(1).maxQueuedExecutions(0).build();
             TestServer server = TestServer.start(sandbox)) {
            ApiClient client = new ApiClient(server);
            CompletableFuture<ApiClient.Reply> running = client.executeAsync(SLEEPER);
            awaitActive(client, 1);

            ApiClient.Reply refused = client.execute(SLEEPER);
            JsonNode problem = ErrorResponsesTest.assertProblem(refused, 429);
            assertEquals("tag:jsandbox.dev,2025:queue-full", problem.get("type").asText());
            assertEquals(Long.toString(sandbox.limits().timeout().toSeconds()), refused.header("Retry-After"),
                    "one execution timeout of the sandbox's limits");
            JsonNode health = client.get(SandboxApi.HEALTH_PATH).json();
            assertEquals(List.of(1, 1, 0, 0), List.of(health.get("activeExecutions").asInt(),
                    health.get("maxConcurrentExecutions").asInt(), health.get("queuedExecutions").asInt(),
                    health.get("maxQueuedExecutions").asInt()));

            ApiClient.Reply done = running.get(60, TimeUnit.SECONDS);
            assertEquals(200, done.status(), done::body);
            assertEquals("done\n", done.json().get("stdout").asText());
        }
    }

    /** Polls the health until {@code count} executions hold a slot, for at most 20 s. */
    private static void awaitActive(ApiClient client, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int active = 0;
        while (System.nanoTime() < deadline) {
            active = client.get(SandboxApi.HEALTH_PATH).json().get("activeExecutions").asInt();
            if (active >= count) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertTrue(active >= count, "executions running: " + active);
    }
}
