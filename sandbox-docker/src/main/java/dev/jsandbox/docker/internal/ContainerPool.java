package dev.jsandbox.docker.internal;

import dev.jsandbox.api.Limits;
import dev.jsandbox.spi.LanguageRuntime;
import java.time.Duration;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-started, single-use containers: each is created and started with the full policy, waits for exactly one
 * job, and is removed after it (by the execution, like any container). The pool refills in the background, lets
 * idle containers expire, never exceeds the sandbox's container budget, and removes its idle containers on close.
 *
 * <p>Only requests whose container-level limits (memory, processes, CPU, workspace) equal the configured ones use
 * the pool; a request that lowers them gets a fresh container. Timeouts and output caps are enforced by the host
 * and the job, so lowering those still uses the pool.
 */
public final class ContainerPool implements ContainerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerPool.class);
    /** The runner waits this much longer than the pool keeps a container idle, so it never quits mid-hand-over. */
    private static final Duration RUNNER_IDLE_MARGIN = Duration.ofSeconds(30);

    private final FreshContainerLauncher fresh;
    private final ContainerJanitor janitor;
    private final Limits pooledLimits;
    private final PoolPolicy policy;
    private final Map<String, LanguagePool> pools = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor worker;
    private volatile boolean closed;

    public ContainerPool(FreshContainerLauncher fresh, ContainerJanitor janitor, Limits pooledLimits, PoolPolicy policy) {
        this.fresh = fresh;
        this.janitor = janitor;
        this.pooledLimits = pooledLimits;
        this.policy = policy;
        this.worker = new ScheduledThreadPoolExecutor(2, QuietThreads.factory("jsandbox-pool"));
        this.worker.setRemoveOnCancelPolicy(true);
        long sweepMillis = Math.max(1000, policy.idleExpiry().toMillis() / 4);
        worker.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Launched launch(LanguageRuntime runtime, Limits limits) {
        if (policy.maxIdle() == 0 || !sameContainerLimits(limits)) {
            return fresh.launch(runtime, limits);
        }
        LanguagePool pool = pool(runtime);
        Idle idle = pool.idle.pollFirst();
        if (idle == null) {
            pool.missed();
        }
        if (idle != null) {
            LOG.debug("handing pre-started container {} to a {} job", idle.id(), runtime.id());
            return new Launched(idle.id(), true);
        }
        return fresh.launch(runtime, limits);
    }

    /**
     * Tops the runtime's pool up in the background. Called when an execution ended rather than when it started:
     * on a small machine, starting the replacement while the program runs slows the program down.
     */
    public void replenish(LanguageRuntime runtime) {
        if (policy.maxIdle() > 0) {
            requestRefill(pool(runtime));
        }
    }

    /** Starts filling the pools of these runtimes in the background. */
    public void warmUp(Collection<LanguageRuntime> runtimes) {
        if (policy.maxIdle() > 0) {
            runtimes.forEach(runtime -> requestRefill(pool(runtime)));
        }
    }

    /** Idle containers per runtime id, for health reports. */
    public Map<String, Integer> idleCounts() {
        return pools.values().stream().collect(Collectors.toMap(p -> p.runtime.id(), p -> p.idle.size(), Integer::sum,
                TreeMap::new));
    }

    /** Ids of the idle containers. */
    public Set<String> idleContainerIds() {
        return pools.values().stream().flatMap(p -> p.idle.stream()).map(Idle::id).collect(Collectors.toSet());
    }

    /** Stops refilling and removes every idle container. */
    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (LanguagePool pool : pools.values()) {
            for (Idle idle = pool.idle.pollFirst(); idle != null; idle = pool.idle.pollFirst()) {
                janitor.removeNow(idle.id());
            }
        }
    }

    private boolean sameContainerLimits(Limits limits) {
        return limits.memoryBytes() == pooledLimits.memoryBytes()
                && limits.maxProcesses() == pooledLimits.maxProcesses()
                && limits.cpus() == pooledLimits.cpus()
                && limits.workspaceBytes() == pooledLimits.workspaceBytes();
    }

    private LanguagePool pool(LanguageRuntime runtime) {
        return pools.computeIfAbsent(runtime.id(),
                id -> new LanguagePool(runtime, policy.minIdle().applyAsInt(id), policy.maxIdle()));
    }

    private void requestRefill(LanguagePool pool) {
        if (!closed) {
            try {
                worker.execute(() -> refill(pool));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                LOG.debug("pool closed; not refilling {}", pool.runtime.id());
            }
        }
    }

    private void refill(LanguagePool pool) {
        while (!closed && pool.reserveSlot(janitor.ownedCount(), policy.budget())) {
            try {
                String id = fresh.launch(pool.runtime, pooledLimits, policy.idleExpiry().plus(RUNNER_IDLE_MARGIN), true);
                pool.idle.addLast(new Idle(id, System.nanoTime()));
                if (closed && pool.idle.remove(new Idle(id, 0))) {
                    janitor.removeNow(id);
                }
            } catch (RuntimeException e) {
                // The image may be missing or the engine away: executions report that themselves; retry later.
                LOG.debug("could not pre-start a {} container: {}", pool.runtime.id(), e.getMessage());
                return;
            } finally {
                pool.releaseSlot();
            }
        }
    }

    /** Replaces expired idle containers and lets quiet pools shrink back to their minimum. */
    private void sweep() {
        long now = System.nanoTime();
        for (LanguagePool pool : pools.values()) {
            for (Idle idle : pool.idle) {
                if (now - idle.startedNanos() > policy.idleExpiry().toNanos() && pool.idle.remove(idle)) {
                    LOG.debug("idle container {} of {} expired", idle.id(), pool.runtime.id());
                    janitor.removeLater(idle.id());
                }
            }
            pool.settle();
            requestRefill(pool);
        }
    }

    /** A container waiting for its job. Equality is by id only. */
    private record Idle(String id, long startedNanos) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Idle idle && idle.id.equals(id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    /** The idle containers of one runtime and how many it should have. */
    private static final class LanguagePool {
        final LanguageRuntime runtime;
        final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
        private final int minIdle;
        private final int maxIdle;
        private int target;
        private int creating;
        private boolean missedSinceSweep;

        LanguagePool(LanguageRuntime runtime, int minIdle, int maxIdle) {
            this.runtime = runtime;
            this.minIdle = minIdle;
            this.maxIdle = maxIdle;
            this.target = minIdle;
        }

        synchronized void missed() {
            missedSinceSweep = true;
            target = Math.min(maxIdle, target + 1);
        }

        synchronized void settle() {
            if (!missedSinceSweep && target > minIdle) {
                target--;
            }
            missedSinceSweep = false;
        }

        synchronized boolean reserveSlot(int containers, int budget) {
            if (idle.size() + creating >= target || containers + creating >= budget) {
                return false;
            }
            creating++;
            return true;
        }

        synchronized void releaseSlot() {
            creating--;
        }
    }
}
