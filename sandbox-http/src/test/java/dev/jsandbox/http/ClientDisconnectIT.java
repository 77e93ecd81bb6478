package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jsandbox.api.Limits;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.testkit.RequiresDocker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up mid-execution leaves no container behind, and not because the program ended: the
 * program would sleep for a minute, and its container must be gone long before.
 */
@RequiresDocker
class ClientDisconnectIT {

    private static final Duration PROGRAM_RUNS_FOR = Duration.ofSeconds(60);
    /** Interrupting the worker kills and removes the container at once; the engine's calls take the rest. */
    private static final Duration REMOVED_WITHIN = Duration.ofSeconds(1);

    @Test
    void aClientThatDisconnectsLeavesNoContainerBehind() throws Exception {
        Limits longRuns = Limits.builder().timeout(PROGRAM_RUNS_FOR.plusSeconds(30)).build();
        // No pool: pre-started and refilled containers would be counted too, and none is needed here.
        try (DockerSandbox sandbox = DockerSandbox.builder().limits(longRuns).pool(PoolSettings.disabled()).build();
             TestServer server = TestServer.start(sandbox)) {
            ApiClient client = new ApiClient(server);
            CompletableFuture<ApiClient.Reply> abandoned = client.executeAsync(
                    "{\"code\":\"import time\\ntime.sleep(" + PROGRAM_RUNS_FOR.toSeconds() + ")\",\"language\":\"python\"}");
            List<String> running = waitFor(sandbox, false, Duration.ofSeconds(20));
            assertFalse(running.isEmpty(), "the execution's container was started");

            abandoned.cancel(true); // closes the HTTP/1.1 connection

            assertEquals(List.of(), waitFor(sandbox, true, REMOVED_WITHIN),
                    "the container was removed within " + REMOVED_WITHIN + " of the client leaving");
        }
    }

    @Test
    void aClientThatLeavesTheEventStreamLeavesNoContainerBehind() throws Exception {
        Limits longRuns = Limits.builder().timeout(PROGRAM_RUNS_FOR.plusSeconds(30)).build();
        try (DockerSandbox sandbox = DockerSandbox.builder().limits(longRuns).pool(PoolSettings.disabled()).build();
             TestServer server = TestServer.start(sandbox);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            byte[] body = ("{\"code\":\"import time\\nprint('started', flush=True)\\ntime.sleep("
                    + PROGRAM_RUNS_FOR.toSeconds() + ")\",\"language\":\"python\"}")
                    .getBytes(StandardCharsets.UTF_8);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /api/execute HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            BufferedReader events = new BufferedReader(new InputStreamReader(
                    socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = events.readLine()) != null && !line.startsWith("data: {\"text\":\"started")) {
                // the status line, the headers and the event's name
            }
            assertFalse(line == null, "the program's first line arrived as an event");
            assertFalse(sandbox.liveContainers().isEmpty(), "the execution's container is running");

            socket.close();

            assertEquals(List.of(), waitFor(sandbox, true, REMOVED_WITHIN),
                    "the container was removed within " + REMOVED_WITHIN + " of the client leaving the stream");
        }
    }

    /** Polls the engine until the sandbox has (or no longer has) containers, for at most {@code limit}. */
    private static List<String> waitFor(DockerSandbox sandbox, boolean none, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> containers = sandbox.liveContainers();
        while (containers.isEmpty() != none && System.nanoTime() < deadline) {
            Thread.sleep(50);
            containers = sandbox.liveContainers();
        }
        return containers;
    }
}
