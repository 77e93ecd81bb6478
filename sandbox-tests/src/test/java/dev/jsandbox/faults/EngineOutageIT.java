package dev.jsandbox.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.api.SandboxHealth;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.security.EngineWitness;
import dev.jsandbox.testkit.Poll;
import dev.jsandbox.testkit.RequiresDocker;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine goes away in the middle of an execution and comes back. The sandbox reaches the engine through a Unix
 * socket proxy that the test cuts and restores: the real engine cannot be restarted here, because other tests and
 * image builds use it at the same time, and without live-restore a restart kills every container on the machine.
 * For the library the two are the same event: its connections break and new ones are refused until the engine
 * answers again.
 */
@RequiresDocker
class EngineOutageIT {

    private static final String SLOW = "import time\nprint('working', flush=True)\ntime.sleep(3)\nprint('done')\n";

    @Test
    void anExecutionFailsClearlyHealthIsDownAndLaterExecutionsSucceedWithoutARestart() throws Exception {
        try (EngineWitness witness = EngineWitness.connect();
                UnixSocketProxy proxy = UnixSocketProxy.start(engineSocket())) {
            DockerSandbox sandbox = DockerSandbox.builder().dockerHost(proxy.dockerHost()).build();
            try {
                assertEquals(SandboxHealth.Status.UP, sandbox.health().status(), () -> sandbox.health().toString());
                assertEquals(ExecutionStatus.SUCCESS, sandbox.execute(ExecutionRequest.of("python", "print(1)")).status());

                Instant since = Instant.now();
                CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(
                        () -> sandbox.execute(ExecutionRequest.of("python", SLOW)));
                String containerId = witness.awaitAttach(sandbox.instanceId(), since, Duration.ofSeconds(20));
                witness.awaitProcess(containerId, "main.py", Duration.ofSeconds(20));
                long cut = System.nanoTime();
                proxy.cut();

                ExecutionException failed = assertThrows(ExecutionException.class, () -> running.get(20, TimeUnit.SECONDS),
                        "the execution must fail, not return a result, when its engine disappears");
                Duration failedAfter = Duration.ofNanos(System.nanoTime() - cut);
                SandboxException cause = assertInstanceOf(SandboxException.class, failed.getCause());
                System.out.printf("engine cut mid-run: %s after %d ms: %s%n", cause.getClass().getSimpleName(),
                        failedAfter.toMillis(), cause.getMessage());
                assertTrue(failedAfter.compareTo(Duration.ofSeconds(5)) < 0, "failed after " + failedAfter);
                assertTrue(cause.getMessage().contains("Docker Engine"), cause.getMessage());

                SandboxHealth down = sandbox.health();
                assertEquals(SandboxHealth.Status.DOWN, down.status(), down::toString);
                assertFalse(down.problems().isEmpty(), down::toString);
                System.out.println("health while the engine is away: " + down.problems());
                long refused = System.nanoTime();
                EngineUnavailableException unavailable = assertThrows(EngineUnavailableException.class,
                        () -> sandbox.execute(ExecutionRequest.of("python", "print(2)")));
                assertTrue(Duration.ofNanos(System.nanoTime() - refused).compareTo(Duration.ofSeconds(10)) < 0,
                        "an execution while the engine is away fails fast");
                assertTrue(unavailable.getMessage().contains("not reachable"), unavailable.getMessage());

                proxy.restore();
                assertEquals(SandboxHealth.Status.UP, awaitHealth(sandbox, SandboxHealth.Status.UP).status());
                // The container whose execution was cut off must not stay on the engine now that it is back, even
                // when the sandbox is given nothing to do meanwhile.
                List<String> cutOff = Poll.until(Duration.ofSeconds(20), Duration.ofMillis(500),
                        () -> witness.containers(EngineWitness.INSTANCE + "=" + sandbox.instanceId()).stream()
                                .map(c -> c.getId()).filter(containerId::equals).toList(),
                        List::isEmpty);
                assertEquals(List.of(), cutOff,
                        "the container of the execution that was cut off is still on the engine, 20 s after it came back");

                ExecutionResult after = sandbox.execute(ExecutionRequest.of("python", "print('back')"));
                assertEquals(ExecutionStatus.SUCCESS, after.status(), after::toString);
                assertEquals("back\n", after.stdout());
            } finally {
                proxy.restore();
                sandbox.close();
                assertEquals(List.of(), witness.containers(EngineWitness.INSTANCE + "=" + sandbox.instanceId()),
                        "containers left after close()");
            }
        }
    }

    private static SandboxHealth awaitHealth(DockerSandbox sandbox, SandboxHealth.Status wanted)
            throws InterruptedException {
        return Poll.until(Duration.ofSeconds(30), Duration.ofMillis(200), sandbox::health,
                health -> health.status() == wanted);
    }

    /** The engine's own socket: DOCKER_HOST when it names one, else the standard path. */
    static Path engineSocket() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && host.startsWith("unix://")) {
            return Path.of(URI.create(host).getPath());
        }
        return Path.of("/var/run/docker.sock");
    }
}
