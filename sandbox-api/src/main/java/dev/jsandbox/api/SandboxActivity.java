package dev.jsandbox.api;

import java.util.Map;
import java.util.Objects;

/**
 * What a sandbox is doing at this moment, read from its own counters without asking the container engine: cheap
 * enough to poll on every metrics scrape (unlike {@link CodeSandbox#health()}, which talks to the engine).
 *
 * @param runningExecutions executions holding a slot now
 * @param queuedExecutions calls waiting for a slot now
 * @param idleContainers pre-started containers waiting for a job, per language id; every language the sandbox
 *     offers has an entry (0 when it keeps none), so a gauge per language can be registered once
 */
public record SandboxActivity(int runningExecutions, int queuedExecutions, Map<String, Integer> idleContainers) {

    /** Checks the counts and copies the map. */
    public SandboxActivity {
        if (runningExecutions < 0 || queuedExecutions < 0) {
            throw new IllegalArgumentException("counts must not be negative, were " + runningExecutions + " running and "
                    + queuedExecutions + " queued");
        }
        idleContainers = Map.copyOf(Objects.requireNonNull(idleContainers, "idleContainers"));
    }
}
