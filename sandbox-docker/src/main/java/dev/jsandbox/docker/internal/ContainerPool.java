package dev.jsandbox.docker.internal;

import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.Limits;
import dev.jsandbox.spi.LanguageRuntime;
import java.time.Duration;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-started, single-use containers: each is created and started with the full policy, waits for exactly one
 * job, and is removed after it (by the execution, like any container). The pool refills in the background, lets
 * idle containers expire, never exceeds the sandbox's container budget nor its idle-memory bound, and removes its
 * idle containers on close.
 *
 * <p>Each language's target of idle containers follows its demand ({@link PoolSizing}): the arrival rate of its
 * jobs times the measured start time of its containers, clamped to {@code [minIdle, maxIdle]}. A take starts the
 * replacement at once (unless the policy says to wait for the execution's end), and the sweep trims idle
 * containers above a target that fell. The memory of an idle container is measured from the engine
 * ({@code docker stats} of one idle container per language, at most every {@link #MEMORY_SAMPLE_INTERVAL}); until a
 * language was measured, its containers count as {@link #UNMEASURED_IDLE_BYTES}.
 *
 * <p>A container whose runtime declares a warm stage waits at a low CPU weight while the stage loads
 * ({@link FreshContainerLauncher#WARMING_CPU_SHARES}): that work is speculative and must not slow the jobs that
 * run. The take gives it the default weight again.
 *
 * <p>Only requests whose container-level limits (memory, processes, CPU, workspace) equal the configured ones use
 * the pool; a request that lowers them gets a fresh container. Timeouts and output caps are enforced by the host
 * and the job, so lowering those still uses the pool.
 */
public final class ContainerPool implements ContainerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerPool.class);
    /** The runner waits this much longer than the pool keeps a container idle, so it never quits mid-hand-over. */
    private static final Duration RUNNER_IDLE_MARGIN = Duration.ofSeconds(30);
    /** What an idle container of a language not measured yet is assumed to hold. */
    public static final long UNMEASURED_IDLE_BYTES = 64L << 20;
    /** How often the memory of one idle container per language is measured. */
    static final Duration MEMORY_SAMPLE_INTERVAL = Duration.ofSeconds(30);
    /** The gap between takes assumed before any was seen: a language starts out as quiet. */
    static final double QUIET_GAP_SECONDS = 10;
    /** The assumed start time of a container until one was measured. */
    static final double INITIAL_START_SECONDS = 0.3;
    private static final Duration MEMORY_PROBE_WAIT = Duration.ofSeconds(5);
    /** The longest a caller that found no idle container waits for one being created (see awaitOneInFlight). */
    private static final Duration MAX_IN_FLIGHT_WAIT = Duration.ofSeconds(2);

    private final FreshContainerLauncher fresh;
    private final ContainerJanitor janitor;
    private final Limits pooledLimits;
    private final PoolPolicy policy;
    private final Function<String, OptionalLong> memoryProbe;
    private final LongSupplier clock;
    private final Map<String, LanguagePool> pools = new ConcurrentHashMap<>();
    /** Runs the sweep (expiry, trimming, memory samples). */
    private final ScheduledThreadPoolExecutor worker;
    /**
     * Creates containers: one thread per container being created, as many as the targets, the budget and the memory
     * bound allow (they bound the threads too). Creation is mostly waiting for the engine, so a caller that takes
     * containers faster than one start time apart needs several in flight at once.
     */
    private final ExecutorService starters;
    private volatile boolean closed;

    public ContainerPool(FreshContainerLauncher fresh, ContainerJanitor janitor, Limits pooledLimits, PoolPolicy policy,
            Function<String, OptionalLong> memoryProbe) {
        this.fresh = fresh;
        this.janitor = janitor;
        this.pooledLimits = pooledLimits;
        this.policy = policy;
        this.memoryProbe = memoryProbe;
        this.clock = System::nanoTime;
        this.worker = new ScheduledThreadPoolExecutor(1, QuietThreads.factory("jsandbox-pool"));
        this.worker.setRemoveOnCancelPolicy(true);
        this.starters = Executors.newCachedThreadPool(QuietThreads.factory("jsandbox-pool-start"));
        // Often enough that a pool shrinks soon after its demand fell; expiry needs a quarter of its period at most.
        long sweepMillis = Math.max(1000, Math.min(5000, policy.idleExpiry().toMillis() / 4));
        worker.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Launched launch(LanguageRuntime runtime, Limits limits) {
        if (policy.maxIdle() == 0 || !sameContainerLimits(limits)) {
            return fresh.launch(runtime, limits);
        }
        LanguagePool pool = pool(runtime);
        Idle idle = pool.idle.pollFirst();
        synchronized (this) {
            long now = clock.getAsLong();
            pool.sizing.taken(now);
            if (idle == null) {
                pool.sizing.missed(now);
            }
        }
        if (policy.refillOnTake()) {
            // The replacement starts now, while this job runs: a caller that comes straight back finds it ready.
            requestRefill(pool);
        }
        if (idle == null) {
            idle = awaitOneInFlight(pool);
        }
        if (idle != null) {
            LOG.debug("handing pre-started container {} to a {} job", idle.id(), runtime.id());
            if (idle.warmingCpuWeight()) {
                raiseToJobCpuWeight(idle.id());
            }
            return new Launched(idle.id(), true);
        }
        return fresh.launch(runtime, limits);
    }

    /**
     * After a miss: the container of this pool that is being created now, if one is and it gets ready within the
     * planned start time ({@link PoolSizing#plannedStartSeconds()}, at most {@link #MAX_IN_FLIGHT_WAIT}); else null,
     * and the caller starts a container of its own. One already on its way is ready sooner than a new one, and a new
     * one would compete for the same engine and CPU: a caller that comes back faster than containers start
     * (back-to-back calls of a short program) then waits for the engine's pace instead of adding to its queue.
     */
    private Idle awaitOneInFlight(LanguagePool pool) {
        long waitNanos;
        synchronized (this) {
            waitNanos = (long) (Math.min(pool.sizing.plannedStartSeconds(), MAX_IN_FLIGHT_WAIT.toMillis() / 1e3) * 1e9);
        }
        long deadline = System.nanoTime() + waitNanos;
        synchronized (pool) {
            Idle idle = pool.idle.pollFirst();
            while (idle == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed || creatingFor(pool) == 0) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(pool, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ExecutionInterruptedException("interrupted while waiting for a pre-started container", e);
                }
                idle = pool.idle.pollFirst();
            }
            return idle;
        }
    }

    private synchronized int creatingFor(LanguagePool pool) {
        return pool.creating;
    }

    /** Wakes the callers waiting for a container of {@code pool}: one got ready, or a creation ended. */
    private static void signal(LanguagePool pool) {
        synchronized (pool) {
            pool.notifyAll();
        }
    }

    /**
     * Off the caller's path: the job is written to the container meanwhile, and its first milliseconds at the low
     * weight cost less than waiting for the engine's answer would.
     */
    private void raiseToJobCpuWeight(String containerId) {
        try {
            starters.execute(() -> fresh.raiseToJobCpuWeight(containerId));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            LOG.debug("pool closed; container {} keeps its low CPU weight", containerId);
        }
    }

    /** Tops the runtime's pool up in the background; called when an execution ended. */
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

    /** The measured memory of one idle container per runtime id, in bytes; languages not measured yet are absent. */
    public Map<String, Long> idleMemoryPerContainer() {
        Map<String, Long> measured = new TreeMap<>();
        for (LanguagePool pool : pools.values()) {
            synchronized (this) {
                if (pool.idleBytes > 0) {
                    measured.put(pool.runtime.id(), pool.idleBytes);
                }
            }
        }
        return measured;
    }

    /** Stops refilling and removes every idle container. */
    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
        starters.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
            starters.awaitTermination(10, TimeUnit.SECONDS);
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
        return pools.computeIfAbsent(runtime.id(), id -> new LanguagePool(runtime,
                new PoolSizing(policy.minIdle().applyAsInt(id), policy.maxIdle(), QUIET_GAP_SECONDS,
                        INITIAL_START_SECONDS)));
    }

    /** Starts as many containers of the pool, each on a thread of its own, as its target and the bounds allow. */
    private void requestRefill(LanguagePool pool) {
        while (!closed && reserveSlot(pool)) {
            try {
                starters.execute(() -> startOne(pool));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                releaseSlot(pool);
                LOG.debug("pool closed; not refilling {}", pool.runtime.id());
                return;
            }
        }
    }

    private void startOne(LanguagePool pool) {
        try {
            long started = clock.getAsLong();
            FreshContainerLauncher.Started container = fresh.launch(pool.runtime, pooledLimits,
                    policy.idleExpiry().plus(RUNNER_IDLE_MARGIN), true);
            long took = clock.getAsLong() - started;
            synchronized (this) {
                pool.sizing.started(took);
            }
            Idle idle = new Idle(container.id(), System.nanoTime(), container.warmingCpuWeight());
            pool.idle.addLast(idle);
            signal(pool);
            if (closed && pool.idle.remove(idle)) {
                janitor.removeNow(container.id());
            }
        } catch (RuntimeException e) {
            // The image may be missing or the engine away: executions report that themselves; the sweep retries.
            LOG.debug("could not pre-start a {} container: {}", pool.runtime.id(), e.getMessage());
        } finally {
            releaseSlot(pool);
            signal(pool);
        }
    }

    /**
     * Reserves the creation of one idle container of {@code pool}, if its target, the container budget and the
     * idle-memory bound allow it.
     */
    private synchronized boolean reserveSlot(LanguagePool pool) {
        int creatingEverywhere = 0;
        long idleMemory = 0;
        for (LanguagePool each : pools.values()) {
            creatingEverywhere += each.creating;
            idleMemory += (long) (each.idle.size() + each.creating) * each.assumedIdleBytes();
        }
        if (pool.idle.size() + pool.creating >= pool.sizing.target(clock.getAsLong())
                || janitor.ownedCount() + creatingEverywhere >= policy.budget()
                || idleMemory + pool.assumedIdleBytes() > policy.maxIdleMemory()) {
            return false;
        }
        pool.creating++;
        return true;
    }

    private synchronized void releaseSlot(LanguagePool pool) {
        pool.creating--;
    }

    /** Replaces expired idle containers, trims pools above their target, measures idle memory, refills. */
    private void sweep() {
        long now = System.nanoTime();
        for (LanguagePool pool : pools.values()) {
            for (Idle idle : pool.idle) {
                if (now - idle.startedNanos() > policy.idleExpiry().toNanos() && pool.idle.remove(idle)) {
                    LOG.debug("idle container {} of {} expired", idle.id(), pool.runtime.id());
                    janitor.removeLater(idle.id());
                }
            }
            trim(pool);
            measureIdleMemory(pool);
            requestRefill(pool);
        }
    }

    /** Removes the oldest idle containers above the pool's target: its callers slowed down or left. */
    private void trim(LanguagePool pool) {
        int target;
        synchronized (this) {
            target = pool.sizing.target(clock.getAsLong());
        }
        while (pool.idle.size() > target) {
            Idle surplus = pool.idle.pollFirst();
            if (surplus == null) {
                return;
            }
            LOG.debug("idle container {} of {} is above the target of {}", surplus.id(), pool.runtime.id(), target);
            janitor.removeLater(surplus.id());
        }
    }

    private void measureIdleMemory(LanguagePool pool) {
        long now = clock.getAsLong();
        Idle sample = pool.idle.peekFirst();
        if (sample == null || (pool.measuredAt != 0 && now - pool.measuredAt < MEMORY_SAMPLE_INTERVAL.toNanos())) {
            return;
        }
        OptionalLong bytes;
        try {
            bytes = memoryProbe.apply(sample.id());
        } catch (RuntimeException e) {
            LOG.debug("could not measure the memory of idle container {}: {}", sample.id(), e.getMessage());
            return;
        }
        if (bytes.isPresent() && bytes.getAsLong() > 0) {
            synchronized (this) {
                pool.idleBytes = bytes.getAsLong();
                pool.measuredAt = now;
            }
        }
    }

    /** A container waiting for its job, maybe at a warm stage's low CPU weight. Equality is by id only. */
    private record Idle(String id, long startedNanos, boolean warmingCpuWeight) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Idle idle && idle.id.equals(id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    /** The idle containers of one runtime and its demand; the mutable fields are guarded by the pool's lock. */
    private static final class LanguagePool {
        final LanguageRuntime runtime;
        final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
        final PoolSizing sizing;
        int creating;
        long idleBytes;
        long measuredAt;

        LanguagePool(LanguageRuntime runtime, PoolSizing sizing) {
            this.runtime = runtime;
            this.sizing = sizing;
        }

        long assumedIdleBytes() {
            return idleBytes > 0 ? idleBytes : UNMEASURED_IDLE_BYTES;
        }
    }
}
