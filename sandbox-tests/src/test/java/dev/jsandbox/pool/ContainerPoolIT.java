package dev.jsandbox.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.LimitOverrides;
import dev.jsandbox.api.SandboxListener;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.languages.javascript.JavaScriptRuntime;
import dev.jsandbox.languages.python.PythonRuntime;
import dev.jsandbox.security.EngineWitness;
import dev.jsandbox.testkit.DockerSandboxExtension;
import dev.jsandbox.testkit.Poll;
import dev.jsandbox.testkit.RequiresDocker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pool of pre-started containers: single use, expiry, budget, close and health, against a real engine. */
@RequiresDocker
class ContainerPoolIT {

    /** The weights of FreshContainerLauncher: a sixteenth of the engine's default while warming, the default for a job. */
    private static final int WARMING_CPU_SHARES = 64;
    private static final int JOB_CPU_SHARES = 1024;

    private static final String WHO_AM_I = "import os, socket\nprint(socket.gethostname(), os.path.exists('marker'))\n"
            + "open('marker', 'w').write('left behind')\n";

    @Test
    void everyContainerServesExactlyOneExecution() throws Exception {
        try (DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(new PythonRuntime()).pool(PoolSettings.builder().minIdle(2).build()).build()) {
            awaitIdle(sandbox, 2);
            Set<String> hosts = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", WHO_AM_I));
                assertEquals(ExecutionStatus.SUCCESS, result.status(), result.stderr());
                String[] fields = result.stdout().strip().split(" ");
                assertEquals("False", fields[1], "a file of an earlier execution is visible");
                assertTrue(hosts.add(fields[0]), "container " + fields[0] + " was reused");
            }
            DockerSandboxExtension.assertNoContainersLeft(sandbox);
        }
    }

    /**
     * A caller that runs executions back to back, without a pause, is served from the pool (all but a rare race)
     * once the pool has seen its pace: the replacement starts when a container is taken and the target grows with the arrival rate. The
     * facts are the sandbox's own acquisition events (pool hit or miss), not durations.
     */
    @Test
    void backToBackExecutionsAreServedByPooledContainers() throws Exception {
        List<Boolean> hits = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        SandboxListener listener = recordingPoolHits(hits);
        try (DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(new PythonRuntime())
                .listener(listener).pool(PoolSettings.builder().minIdle(1).maxIdle(16).build()).build()) {
            awaitIdle(sandbox, 1);
            // The pool learns the caller's pace from these; some of them meet a container still starting.
            for (int i = 0; i < 30; i++) {
                assertEquals("1\n", sandbox.execute(ExecutionRequest.of("python", "print(1)")).stdout());
            }
            List<Boolean> learning = List.copyOf(hits);
            hits.clear();
            for (int i = 0; i < 20; i++) {
                assertEquals("1\n", sandbox.execute(ExecutionRequest.of("python", "print(1)")).stdout());
            }
            // Whether a container started in time is a race with the machine's load (a CI machine builds beside us),
            // so the assertion allows two misses in twenty; before the pool refilled on take and followed the
            // arrival rate, about one call in four missed. The latency this buys is the benchmark's to show.
            long misses = hits.stream().filter(hit -> !hit).count();
            assertTrue(misses <= 2, "at most 2 of 20 back-to-back executions may miss the pool (true = pool hit): "
                    + hits + "; while the pool learnt: " + learning);
            DockerSandboxExtension.assertNoContainersLeft(sandbox);
        }
    }

    /**
     * With one idle container at most, a back-to-back caller always comes back while the replacement is still being
     * created: it waits for that container rather than starting one of its own beside it. (Before it waited, about
     * every other call here started a container of its own.)
     */
    @Test
    void aCallerThatFindsNoIdleContainerTakesTheOneBeingCreated() throws Exception {
        List<Boolean> hits = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        SandboxListener listener = recordingPoolHits(hits);
        try (DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(new PythonRuntime())
                .listener(listener).pool(PoolSettings.builder().minIdle(1).maxIdle(1).build()).build()) {
            awaitIdle(sandbox, 1);
            for (int i = 0; i < 10; i++) {
                assertEquals("1\n", sandbox.execute(ExecutionRequest.of("python", "print(1)")).stdout());
            }
            // The wait is bounded by the planned start time (average plus twice the deviation), which load spikes
            // on a shared CI machine can exceed now and then.
            long misses = hits.stream().filter(hit -> !hit).count();
            assertTrue(misses <= 2, "at most 2 of 10 back-to-back executions may miss (true = pool hit): " + hits);
            DockerSandboxExtension.assertNoContainersLeft(sandbox);
        }
    }

    @Test
    void refillsAfterUseAndReportsItsStateInHealth() throws Exception {
        try (DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(new PythonRuntime()).pool(PoolSettings.builder().minIdle(1).build()).build()) {
            awaitIdle(sandbox, 1);
            assertEquals(1, sandbox.health().idleContainers().get("python"));
            List<String> used = containersOf(sandbox);
            sandbox.execute(ExecutionRequest.of("python", "print(1)"));
            awaitIdle(sandbox, 1);
            // The replacement starts when the container is taken, so it may be ready before the used one is removed.
            Poll.until("the used container is gone, a fresh one waits", Duration.ofSeconds(30), () -> {
                List<String> now = containersOf(sandbox);
                return now.size() == 1 && !now.equals(used);
            });
        }
    }

    @Test
    void idleContainersExpireAndAreReplaced() throws Exception {
        PoolSettings settings = PoolSettings.builder().minIdle(1).idleExpiry(Duration.ofSeconds(5)).build();
        try (DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(new PythonRuntime()).pool(settings).build()) {
            awaitIdle(sandbox, 1);
            List<String> first = containersOf(sandbox);
            Poll.until("the idle container is replaced after its expiry", Duration.ofSeconds(20), () -> {
                List<String> now = containersOf(sandbox);
                return now.size() == 1 && !now.equals(first);
            });
        }
    }

    @Test
    void neverExceedsTheBudget() throws Exception {
        PoolSettings settings = PoolSettings.builder().minIdle(4).maxIdle(4).budget(2).build();
        try (DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(new PythonRuntime()).pool(settings).build()) {
            awaitIdle(sandbox, 2);
            Poll.holdsFor("the pool keeps at most its budget of 2 containers", Duration.ofMillis(1500),
                    () -> containersOf(sandbox).size() <= 2);
            assertEquals(2, containersOf(sandbox).size());
            assertEquals(2, sandbox.health().idleContainers().get("python"));
        }
    }

    @Test
    void closeRemovesTheIdleContainers() throws Exception {
        DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(new PythonRuntime()).pool(PoolSettings.builder().minIdle(2).build()).build();
        awaitIdle(sandbox, 2);
        String instance = sandbox.instanceId();
        sandbox.close();
        assertEquals(List.of(), dockerPs("label=dev.jsandbox.instance=" + instance));
    }

    @Test
    void aRequestThatLowersContainerLimitsGetsAFreshContainer() throws Exception {
        try (DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(new PythonRuntime()).pool(PoolSettings.builder().minIdle(1).build()).build()) {
            awaitIdle(sandbox, 1);
            List<String> idle = containersOf(sandbox);
            ExecutionResult result = sandbox.execute(ExecutionRequest.builder("python", "print(open('/sys/fs/cgroup/memory/memory.limit_in_bytes').read() if __import__('os').path.exists('/sys/fs/cgroup/memory/memory.limit_in_bytes') else open('/sys/fs/cgroup/memory.max').read())")
                    .limitOverrides(LimitOverrides.builder().memoryBytes(64L << 20).build()).build());
            assertEquals(ExecutionStatus.SUCCESS, result.status(), result.stderr());
            assertEquals(String.valueOf(64L << 20), result.stdout().strip());
            DockerSandboxExtension.assertNoContainersLeft(sandbox);
            assertEquals(idle, containersOf(sandbox), "the idle container was not used");
        }
    }

    @Test
    void aDisabledPoolKeepsNothingIdle() throws Exception {
        try (DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(new PythonRuntime()).pool(PoolSettings.disabled()).build()) {
            assertEquals("1\n", sandbox.execute(ExecutionRequest.of("python", "print(1)")).stdout());
            DockerSandboxExtension.assertNoContainersLeft(sandbox);
            assertEquals(List.of(), containersOf(sandbox));
            assertTrue(sandbox.health().idleContainers().isEmpty());
        }
    }

    /**
     * A warm stage loads its tooling before the job exists: speculative work, so its container waits at a low CPU
     * weight and yields to the jobs that run (under load, a sibling's loading once pushed a job past its deadline).
     * The container that gets a job runs it at the engine's default weight; one without a warm stage never changes.
     * The facts are the engine's record of each container's weight.
     */
    @Test
    void warmStagesLoadAtALowCpuWeightAndJobsRunAtTheDefault() throws Exception {
        try (EngineWitness witness = EngineWitness.connect();
                DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false)
                        .runtime(new JavaScriptRuntime()).runtime(new PythonRuntime())
                        .pool(PoolSettings.builder().minIdle(1).build()).build()) {
            awaitIdle(sandbox, "javascript", 1);
            awaitIdle(sandbox, "python", 1);
            String warming = containerOf(witness, sandbox, "javascript");
            assertEquals(WARMING_CPU_SHARES, cpuShares(witness, warming), "a waiting warm container's weight");
            assertDefaultWeight(cpuShares(witness, containerOf(witness, sandbox, "python")));

            Thread job = new Thread(() -> sandbox.execute(ExecutionRequest.of("javascript",
                    "const end = Date.now() + 3000; while (Date.now() < end) {}")));
            job.start();
            Poll.until("the job's container runs at the default weight", Duration.ofSeconds(3),
                    () -> cpuShares(witness, warming) == JOB_CPU_SHARES);
            job.join();
        }
    }

    @Test
    void invalidSettingsAreRejectedWithTheRule() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PoolSettings.builder().minIdle(3).maxIdle(2).build());
        assertEquals("maxIdle must be between 3 and 64, was 2", e.getMessage());
        assertNotEquals(PoolSettings.disabled(), PoolSettings.builder().build());
    }

    private static void awaitIdle(DockerSandbox sandbox, int count) throws InterruptedException {
        awaitIdle(sandbox, "python", count);
    }

    private static void awaitIdle(DockerSandbox sandbox, String language, int count) throws InterruptedException {
        Poll.until("the pool holds " + count + " idle " + language + " containers", Duration.ofSeconds(30),
                () -> sandbox.health().idleContainers().getOrDefault(language, 0) >= count);
    }

    /** The container's CPU weight as the engine records it; 0 means the engine's default. */
    private static int cpuShares(EngineWitness witness, String containerId) {
        Integer shares = witness.client().inspectContainerCmd(containerId).exec().getHostConfig().getCpuShares();
        return shares == null ? 0 : shares;
    }

    private static void assertDefaultWeight(int shares) {
        assertTrue(shares == 0 || shares == JOB_CPU_SHARES, "a container without a warm stage has weight " + shares);
    }

    private static String containerOf(EngineWitness witness, DockerSandbox sandbox, String language) {
        List<Container> found = witness.containers(
                "dev.jsandbox.instance=" + sandbox.instanceId(), "dev.jsandbox.language=" + language);
        assertEquals(1, found.size(), "the " + language + " containers: " + found);
        return found.get(0).getId();
    }

    /** Every container of the sandbox's instance, idle ones included, as the engine sees them. */
    private static List<String> containersOf(DockerSandbox sandbox) {
        try {
            return dockerPs("label=dev.jsandbox.instance=" + sandbox.instanceId());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> dockerPs(String filter) throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("docker", "ps", "-aq", "--no-trunc", "--filter", filter).start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ps.waitFor(), "docker ps failed");
        return out.lines().filter(line -> !line.isBlank()).sorted().toList();
    }

    /** A listener that adds to {@code hits} whether each acquired container came from the pool (true) or not. */
    private static SandboxListener recordingPoolHits(List<Boolean> hits) {
        return new SandboxListener() {
            @Override
            public void containerAcquired(ContainerAcquired event) {
                hits.add(event.poolHit());
            }
        };
    }
}
