package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.testkit.DockerSandboxExtension;
import dev.jsandbox.testkit.RequiresDocker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A burst beyond the queue is refused at once with 429 while every admitted request completes. */
@RequiresDocker
class QueueBurstIT {

    @Test
    void aBurstBeyondCapacityGets429sAndEveryOtherRequestSucceeds() throws Exception {
        try (SandboxServer server = SandboxServer.start(DockerSandboxExtension.sharedSandbox(),
                ServerConfig.builder().port(0).maxConcurrentExecutions(1).queueSize(1).build())) {
            ApiClient client = new ApiClient(server);
            String slow = "{\"code\":\"import time\\ntime.sleep(1)\\nprint('done')\",\"language\":\"python\"}";
            List<CompletableFuture<ApiClient.Reply>> burst = IntStream.range(0, 6)
                    .mapToObj(i -> client.executeAsync(slow)).toList();
            int succeeded = 0;
            int rejected = 0;
            for (CompletableFuture<ApiClient.Reply> pending : burst) {
                ApiClient.Reply reply = pending.get(60, TimeUnit.SECONDS);
                if (reply.status() == 429) {
                    rejected++;
                    ErrorResponsesTest.assertProblem(reply, 429);
                    assertEquals("5", reply.header("Retry-After"));
                } else {
                    succeeded++;
                    assertEquals(200, reply.status(), reply::body);
                    assertEquals("done\n", reply.json().get("stdout").asText(), reply::body);
                }
            }
            assertTrue(rejected >= 1, "6 requests for 1 slot and 1 queue place: some must be refused");
            assertTrue(succeeded >= 2, "the running and the queued request complete; succeeded " + succeeded);
        }
    }
}
