package dev.jsandbox.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.security.EngineWitness;
import dev.jsandbox.testkit.Poll;
import dev.jsandbox.testkit.RequiresDocker;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JVM that runs an execution is killed with SIGKILL: nothing in it gets to clean up. The containers must still
 * die by themselves - the runner inside enforces the run's deadline itself (protocol 2: it kills the program, writes
 * its report into the container's stdout, which nobody reads any more, and exits 0; a whole-job backstop, exit 4,
 * remains for a runner that cannot finish) and gives up waiting for a job after its idle timeout - and the next
 * sandbox built after their deadline label passed removes them, while one built before it leaves them alone (they
 * might belong to a live process).
 */
@RequiresDocker
class KilledJvmIT {

    /** The runner's exit codes (docker/base/runner/runner.c). */
    private static final int RUNNER_JOB_DONE_EXIT = 0;
    private static final int RUNNER_IDLE_EXIT = 3;
    private static final int RUNNER_BACKSTOP_EXIT = 4;
    private static final Duration BACKSTOP_GRACE = Duration.ofSeconds(2);
    /** The engine's state of a container that was created but never started; its exit code reads 0. */
    private static final String NEVER_STARTED = "created";

    @Test
    void containersOfAKilledJvmDieByThemselvesAndTheNextSandboxRemovesThemAfterTheirDeadline() throws Exception {
        try (EngineWitness witness = EngineWitness.connect()) {
            Instant since = Instant.now();
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    OrphanedExecutionMain.class.getName())
                    .redirectError(new File("target/killed-jvm-child.log"))
                    .start();
            String instanceId;
            String jobContainer;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("instance "), "the child said: " + line);
                instanceId = line.substring("instance ".length());
                jobContainer = witness.awaitAttach(instanceId, since, Duration.ofSeconds(60));
                witness.awaitProcess(jobContainer, "main.py", Duration.ofSeconds(20));

                Instant killed = Instant.now();
                child.destroyForcibly(); // SIGKILL
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                assertEquals(137, child.exitValue(), "killed by SIGKILL");

                // The job's container stops by itself at the run's deadline, which the runner enforces.
                InspectContainerResponse.ContainerState state = awaitStopped(witness, jobContainer,
                        OrphanedExecutionMain.TIMEOUT.plus(BACKSTOP_GRACE).plusSeconds(10));
                Duration stoppedAfter = Duration.between(killed, Instant.parse(state.getFinishedAt()));
                System.out.printf("killed JVM: the job's container stopped by itself %d ms after the kill, exit code %d%n",
                        stoppedAfter.toMillis(), state.getExitCodeLong());
                assertEquals(RUNNER_JOB_DONE_EXIT, state.getExitCodeLong().intValue(),
                        "the runner ended the run at its deadline and finished the job (4 would be its backstop)");
                assertTrue(stoppedAfter.compareTo(OrphanedExecutionMain.TIMEOUT.plus(BACKSTOP_GRACE).plusSeconds(2)) < 0,
                        "stopped " + stoppedAfter + " after the kill");
            }

            // Its pre-started containers give up waiting for a job by themselves too.
            List<Container> orphans = witness.containers(EngineWitness.INSTANCE + "=" + instanceId);
            assertFalse(orphans.isEmpty());
            for (Container orphan : orphans) {
                InspectContainerResponse.ContainerState state = awaitStopped(witness, orphan.getId(),
                        OrphanedExecutionMain.IDLE_EXPIRY.plusSeconds(30 + 30));
                System.out.printf("killed JVM: container %s (%s, %s) %s, exit code %d%n", orphan.getId(),
                        orphan.getId().equals(jobContainer) ? "the job's" : "pre-started",
                        orphan.getLabels().get("dev.jsandbox.language"), state.getStatus(), state.getExitCodeLong());
                if (NEVER_STARTED.equals(state.getStatus())) {
                    // The JVM died between creating this container and starting it (the pool refills and pre-starts
                    // while the job runs): no process ever ran in it, and only the janitor's removal below is owed.
                    assertFalse(orphan.getId().equals(jobContainer), "the job's container never started");
                    continue;
                }
                List<Integer> expected = orphan.getId().equals(jobContainer) ? List.of(RUNNER_JOB_DONE_EXIT)
                        : List.of(RUNNER_IDLE_EXIT, RUNNER_BACKSTOP_EXIT);
                assertTrue(expected.contains(state.getExitCodeLong().intValue()),
                        "container " + orphan.getId() + ": exit code " + state.getExitCodeLong() + ", expected " + expected);
            }
            long deadline = orphans.stream().mapToLong(c -> Long.parseLong(c.getLabels().get(EngineWitness.DEADLINE)))
                    .max().orElseThrow();
            System.out.printf("killed JVM: %d containers left stopped, deadline label %d s after the start%n",
                    orphans.size(), deadline - since.getEpochSecond());

            // A sandbox built before the deadline must not touch them: they might belong to a live process.
            assertTrue(Instant.now().getEpochSecond() < deadline, "the test was too slow to check this");
            DockerSandbox.builder().pool(PoolSettings.disabled()).build().close();
            assertEquals(orphans.size(), witness.containers(EngineWitness.INSTANCE + "=" + instanceId).size(),
                    "a sandbox removed containers whose deadline had not passed");

            // Once the deadline passed, the next sandbox removes them when it is built.
            Poll.until("the deadline label has passed", Duration.ofSeconds(deadline + 10 - Instant.now().getEpochSecond()),
                    () -> Instant.now().getEpochSecond() > deadline);
            DockerSandbox.builder().pool(PoolSettings.disabled()).build().close();
            assertEquals(List.of(), witness.containers(EngineWitness.INSTANCE + "=" + instanceId),
                    "the expired containers of the killed JVM are still there");
        }
    }

    private static InspectContainerResponse.ContainerState awaitStopped(EngineWitness witness, String containerId,
            Duration timeout) throws InterruptedException {
        InspectContainerResponse.ContainerState state = Poll.until(timeout, Duration.ofMillis(100),
                () -> witness.client().inspectContainerCmd(containerId).exec().getState(),
                current -> !Boolean.TRUE.equals(current.getRunning()));
        assertFalse(Boolean.TRUE.equals(state.getRunning()), "container " + containerId + " still runs after " + timeout);
        return state;
    }
}
