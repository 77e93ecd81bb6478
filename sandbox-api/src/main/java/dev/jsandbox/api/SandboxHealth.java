package dev.jsandbox.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether a sandbox can execute code right now.
 *
 * @param status the overall verdict
 * @param engineVersion the container engine's version, e.g. {@code Docker 24.0.7 (API 1.43)}; null when unreachable
 * @param images every language image and whether it is present, keyed by image reference
 * @param activeExecutions executions running at this moment
 * @param maxConcurrentExecutions executions that may run at once; more wait for a slot
 * @param problems what is wrong, each with what to do about it; empty when {@link Status#UP}
 * @param idleContainers pre-started containers waiting for a job, per language id; empty when the sandbox keeps none
 * @param queuedExecutions calls waiting for an execution slot at this moment
 * @param maxQueuedExecutions calls that may wait for a slot; further calls get a {@link SandboxBusyException}
 */
public record SandboxHealth(
        Status status,
        @Nullable String engineVersion,
        Map<String, Boolean> images,
        int activeExecutions,
        int maxConcurrentExecutions,
        List<String> problems,
        Map<String, Integer> idleContainers,
        int queuedExecutions,
        int maxQueuedExecutions) {

    /** The overall verdict of a health check. */
    public enum Status {
        /** The engine answers and every language image is present. */
        UP,
        /** The engine answers, but some images are missing: some languages cannot run. */
        DEGRADED,
        /** The engine cannot be reached (or the sandbox is closed): nothing can run. */
        DOWN
    }

    /** Requires every component and copies the collections. */
    public SandboxHealth {
        Objects.requireNonNull(status, "status");
        images = Map.copyOf(images);
        problems = List.copyOf(problems);
        idleContainers = Map.copyOf(idleContainers);
        if (queuedExecutions < 0 || maxQueuedExecutions < 0) {
            throw new IllegalArgumentException("queued executions must not be negative, were " + queuedExecutions
                    + " of " + maxQueuedExecutions);
        }
    }

    /** A health report of a sandbox that queues no calls (or does not count them). */
    public SandboxHealth(Status status, @Nullable String engineVersion, Map<String, Boolean> images,
            int activeExecutions, int maxConcurrentExecutions, List<String> problems,
            Map<String, Integer> idleContainers) {
        this(status, engineVersion, images, activeExecutions, maxConcurrentExecutions, problems, idleContainers, 0, 0);
    }

    /** A health report of a sandbox that keeps no pre-started containers. */
    public SandboxHealth(Status status, @Nullable String engineVersion, Map<String, Boolean> images,
            int activeExecutions, int maxConcurrentExecutions, List<String> problems) {
        this(status, engineVersion, images, activeExecutions, maxConcurrentExecutions, problems, Map.of(), 0, 0);
    }
}
