package dev.jsandbox.docker.internal;

import com.github.dockerjava.api.model.Container;
import dev.jsandbox.api.SandboxListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no container outlives its use: removes each container after its execution (off the caller's thread,
 * so results return as soon as the program's exit is known), removes whatever an instance still owns when it
 * closes, and removes containers of crashed processes once their deadline passed.
 */
public final class ContainerJanitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerJanitor.class);

    private final DockerEngine engine;
    private final String instanceId;
    private final SandboxEvents events;
    private final Set<String> owned = ConcurrentHashMap.newKeySet();
    /**
     * Containers whose removal failed (the engine was away): retried right after the next removal that works, and
     * every {@link #FAILED_RETRY_PERIOD} in any case, as a sandbox may have nothing else to remove once the engine is
     * back.
     */
    private final Set<String> failedRemovals = ConcurrentHashMap.newKeySet();
    /**
     * Removals and their retries. Scheduled, so that a second attempt waits in the queue rather than on one of the
     * two threads: during an outage every failed creation schedules one, and sleeping threads would hold up the
     * removals of finished executions behind them.
     */
    private final ScheduledExecutorService removals;
    private static final Duration ABANDONED_RETRY = Duration.ofSeconds(2);
    private static final Duration FAILED_RETRY_PERIOD = Duration.ofSeconds(2);

    public ContainerJanitor(DockerEngine engine, String instanceId) {
        this(engine, instanceId, SandboxEvents.NONE);
    }

    public ContainerJanitor(DockerEngine engine, String instanceId, SandboxEvents events) {
        this.engine = engine;
        this.instanceId = instanceId;
        this.events = events;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, QuietThreads.factory("jsandbox-remover"));
        executor.setRemoveOnCancelPolicy(true);
        this.removals = executor;
        removals.scheduleWithFixedDelay(this::probeFailedRemovals, FAILED_RETRY_PERIOD.toMillis(),
                FAILED_RETRY_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records that this instance created the container; it will be removed at the latest by {@link #close()}. */
    public void own(String containerId) {
        owned.add(containerId);
    }

    /** How many containers this instance created and has not removed yet. */
    public int ownedCount() {
        return owned.size();
    }

    /** Removes the container in the background. */
    public void removeLater(String containerId) {
        inBackground(() -> removeNow(containerId));
    }

    /** Runs {@code removal} on a removal thread, or on this one once the janitor is closing. */
    private void inBackground(Runnable removal) {
        try {
            removals.execute(removal);
        } catch (RejectedExecutionException closing) {
            removal.run();
        }
    }

    /**
     * Removes a container whose create call failed half-way, by name: the engine may have made it anyway, even a
     * moment after the call failed, so a second attempt follows. When an attempt finds and removes it, it is
     * reported as created too ({@code language} is its runtime's id): the launcher never learnt of it, and
     * without that the counts of created and removed containers would drift apart.
     */
    public void removeAbandoned(String containerName, String language) {
        owned.add(containerName);
        inBackground(() -> removeAbandonedNow(containerName, language, false));
        try {
            removals.schedule(() -> removeAbandonedNow(containerName, language, true), ABANDONED_RETRY.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // Closing: close() removes what this instance owns, this name included.
        }
    }

    private void removeAbandonedNow(String containerName, String language, boolean retry) {
        if (remove(containerName, retry)) {
            events.containerCreated(new SandboxListener.ContainerCreated(language));
        }
    }

    /** Removes the container on this thread. */
    public void removeNow(String containerId) {
        remove(containerId, false);
    }

    /**
     * Removes the container on this thread; true when this call removed it (it was neither gone nor failed). A
     * {@code retry} of a removal that failed before is neither logged above debug nor counted again when it fails.
     */
    private boolean remove(String containerId, boolean retry) {
        boolean removedNow;
        try {
            removedNow = engine.remove(containerId);
            owned.remove(containerId);
            failedRemovals.remove(containerId);
            if (removedNow) {
                // Only when this call removed it: a second attempt (removeAbandoned) or a race with close() finds
                // it gone, and counting those would show more removals than creations.
                events.containerRemoved(new SandboxListener.ContainerRemoved());
            }
            LOG.debug("removed container {}", containerId);
        } catch (RuntimeException e) {
            failedRemovals.add(containerId);
            if (retry) {
                LOG.debug("could not remove container {} again: {}", containerId, e.getMessage());
            } else {
                events.containerRemovalFailed(new SandboxListener.ContainerRemovalFailed());
                LOG.warn("could not remove container {} (retried until the engine answers again, at close() at the"
                        + " latest): {}", containerId, e.getMessage());
            }
            return false;
        }
        // The engine answers: retry what failed while it was away.
        retryFailedRemovals();
        return removedNow;
    }

    /** Schedules a removal of each container whose removal failed; one that fails again is kept for later. */
    private void retryFailedRemovals() {
        for (String failed : failedRemovals) {
            if (failedRemovals.remove(failed)) {
                inBackground(() -> remove(failed, true));
            }
        }
    }

    /**
     * The periodic check: retries one failed removal; when it works, the engine is back and the others follow. One
     * at a time, so that an engine that stays away costs one refused connection per period, not one per container.
     */
    private void probeFailedRemovals() {
        for (String failed : failedRemovals) {
            if (failedRemovals.remove(failed)) {
                remove(failed, true);
                return;
            }
        }
    }

    /** Removes containers of any instance whose deadline passed: leftovers of a process that died. */
    public int removeExpired() {
        long now = Instant.now().getEpochSecond();
        int removed = 0;
        for (Container container : engine.containersLabelled(List.of(SandboxLabels.MANAGED))) {
            Map<String, String> labels = container.getLabels();
            String deadline = labels == null ? null : labels.get(SandboxLabels.DEADLINE);
            if (deadline != null && deadline.matches("\\d{1,18}") && Long.parseLong(deadline) < now) {
                if (engine.remove(container.getId())) {
                    events.containerRemoved(new SandboxListener.ContainerRemoved());
                }
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("removed {} expired sandbox container(s) left behind by an earlier process", removed);
        }
        return removed;
    }

    /** Finishes pending removals, then removes every container this instance still owns. */
    @Override
    public void close() {
        removals.shutdown();
        try {
            if (!removals.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("container removals did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        owned.forEach(this::removeNow);
        try {
            for (Container container : engine.containersLabelled(List.of(SandboxLabels.INSTANCE + "=" + instanceId))) {
                removeNow(container.getId());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not list this sandbox's containers while closing: {}", e.getMessage());
        }
    }
}
