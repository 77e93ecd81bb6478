package dev.jsandbox.faults;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.Limits;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.testkit.Poll;
import java.time.Duration;

/**
 * The JVM that {@link KilledJvmIT} kills with SIGKILL in the middle of an execution. Prints its sandbox's instance
 * id, then runs a program that never ends; it never gets to close anything.
 */
public final class OrphanedExecutionMain {

    /** The run timeout of the orphaned execution. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** How long the orphan's pre-started containers wait for a job (the shortest the pool allows). */
    static final Duration IDLE_EXPIRY = Duration.ofSeconds(5);

    private OrphanedExecutionMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DockerSandbox sandbox = DockerSandbox.builder()
                // One test case at most: a container's deadline label covers the longest job its limits allow, and the
                // test waits for that label to pass.
                .limits(Limits.builder().timeout(TIMEOUT).compileTimeout(Duration.ofSeconds(2)).maxTestCases(1).build())
                .pool(PoolSettings.builder().idleExpiry(IDLE_EXPIRY).build())
                .build();
        // Run in a pre-started container, whose runner's job wait (and so its deadline label) is the pool's, not the
        // 60 s of a container started on demand: the test waits for the label to pass.
        Poll.until("the pool holds a python container", Duration.ofSeconds(60),
                () -> sandbox.health().idleContainers().getOrDefault("python", 0) > 0);
        System.out.println("instance " + sandbox.instanceId());
        System.out.flush();
        sandbox.execute(ExecutionRequest.of("python", "print('spinning', flush=True)\nwhile True:\n    pass\n"));
        System.out.println("the execution returned, the JVM was not killed in time");
    }
}
