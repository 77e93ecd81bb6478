package dev.jsandbox.docker;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many containers a {@link DockerSandbox} starts ahead of demand.
 *
 * <p>A pre-started container is created and started with the full policy and the sandbox's configured limits; its
 * runner waits for exactly one job, runs it, and the container is removed - it is never reused. Pre-starting hides
 * the engine's container start-up (most of an execution's latency) from the caller. A request that lowers the
 * memory or process limit cannot use a pre-started container and gets a fresh one.
 *
 * <p><b>Sizing.</b> Each language's target of idle containers follows its demand: an exponentially weighted moving
 * average of the containers its callers take per second (time constant 10 s), times the measured start time of
 * its containers (a moving average too), plus half a container of headroom, rounded up and clamped to
 * {@code [minIdle, maxIdle]}. That is enough idle containers to cover the ones being created while the callers go
 * on (Little's law), so a caller that runs executions back to back keeps finding a started container; when the
 * callers slow down or stop, the target falls back to {@code minIdle} within tens of seconds and the surplus idle
 * containers are removed. Idle containers expire and are replaced, so none waits for a job longer than
 * {@link #idleExpiry()}.
 *
 * <p><b>Refill.</b> With {@link #refillOnTake()} (the default) the replacement of a container starts when the
 * container is taken, in parallel with the job; otherwise only when the execution ended. Starting a container costs
 * the engine CPU (see docs/benchmark.md), which on a machine with few cores the running program may feel; the
 * benchmark's back-to-back series measures both.
 *
 * <p><b>Bounds.</b> The pool never holds more than {@link #budget()} containers in all (idle, busy or being created)
 * and never more idle memory than {@link #maxIdleMemory()}: the memory of one idle container per language is
 * measured from its cgroup through the engine ({@code docker stats}, at most every 30 s), and a language not
 * measured yet counts as 64 MiB per container. The memory bound wins over {@code minIdle}: when the minimums of all
 * languages together would exceed it, the languages filled first keep theirs. Measured idle memory per language is
 * in docs/benchmark.md.
 *
 * @param minIdle idle containers kept per language by default
 * @param maxIdle the most idle containers a language grows to under load
 * @param perLanguageMinIdle per-language overrides of {@code minIdle}, keyed by runtime id
 * @param budget the most containers the sandbox holds at once (idle, busy or being created); the pool never
 *     starts a container that would exceed it
 * @param idleExpiry how long a container may wait for a job before it is replaced
 * @param maxIdleMemory the most memory, in bytes, that all idle containers together may hold
 * @param refillOnTake true to start a container's replacement when it is taken, false when its execution ended
 */
public record PoolSettings(int minIdle, int maxIdle, Map<String, Integer> perLanguageMinIdle, int budget,
        Duration idleExpiry, long maxIdleMemory, boolean refillOnTake) {

    /** The default of {@link #maxIdleMemory()}: 1 GiB. */
    public static final long DEFAULT_MAX_IDLE_MEMORY = 1L << 30;

    /** Validates the settings. */
    public PoolSettings {
        requireRange("minIdle", minIdle, 0, 64);
        requireRange("maxIdle", maxIdle, minIdle, 64);
        perLanguageMinIdle = Map.copyOf(perLanguageMinIdle);
        perLanguageMinIdle.forEach((language, idle) -> requireRange("minIdle of " + language, idle, 0, maxIdle));
        requireRange("budget", budget, 1, 4096);
        Objects.requireNonNull(idleExpiry, "idleExpiry");
        if (idleExpiry.compareTo(Duration.ofSeconds(5)) < 0 || idleExpiry.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("idleExpiry must be between 5 s and 1 h, was " + idleExpiry);
        }
        if (maxIdleMemory < (1L << 20) || maxIdleMemory > (1L << 40)) {
            throw new IllegalArgumentException("maxIdleMemory must be between 1 MiB and 1 TiB, was " + maxIdleMemory);
        }
    }

    /** No pre-started containers: every execution creates and starts its container on the caller's thread. */
    public static PoolSettings disabled() {
        return builder().minIdle(0).maxIdle(0).build();
    }

    /**
     * A builder with the defaults: 1 idle container per language, at most 8 under load, budget 64, expiry 60 s,
     * at most 1 GiB of idle memory, refill when a container is taken.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The minimum number of idle containers of one language. */
    public int minIdle(String language) {
        return perLanguageMinIdle.getOrDefault(language, minIdle);
    }

    /** True when no language keeps idle containers. */
    public boolean isDisabled() {
        return maxIdle == 0;
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Builds {@link PoolSettings}. */
    public static final class Builder {
        private int minIdle = 1;
        private int maxIdle = 8;
        private final Map<String, Integer> perLanguage = new HashMap<>();
        private int budget = 64;
        private Duration idleExpiry = Duration.ofSeconds(60);
        private long maxIdleMemory = DEFAULT_MAX_IDLE_MEMORY;
        private boolean refillOnTake = true;

        private Builder() {
        }

        /** Idle containers kept per language; default 1. */
        public Builder minIdle(int minIdle) {
            this.minIdle = minIdle;
            return this;
        }

        /** Idle containers kept for one language (by runtime id), overriding {@link #minIdle(int)}. */
        public Builder minIdle(String language, int minIdle) {
            perLanguage.put(Objects.requireNonNull(language, "language"), minIdle);
            return this;
        }

        /** The most idle containers a language grows to under load; default 8. */
        public Builder maxIdle(int maxIdle) {
            this.maxIdle = maxIdle;
            return this;
        }

        /** The most containers the sandbox holds at once; default 64. */
        public Builder budget(int budget) {
            this.budget = budget;
            return this;
        }

        /** How long a container may wait for a job before it is replaced; default 60 s. */
        public Builder idleExpiry(Duration idleExpiry) {
            this.idleExpiry = idleExpiry;
            return this;
        }

        /**
         * The most memory, in bytes, that all idle containers together may hold (as their cgroups account it);
         * default {@link #DEFAULT_MAX_IDLE_MEMORY} (1 GiB). Between 1 MiB and 1 TiB.
         */
        public Builder maxIdleMemory(long maxIdleMemory) {
            this.maxIdleMemory = maxIdleMemory;
            return this;
        }

        /**
         * Whether a container's replacement starts when the container is taken (true, the default) or only when its
         * execution ended (false: the running program has the machine to itself, back-to-back callers meet more
         * cold starts).
         */
        public Builder refillOnTake(boolean refillOnTake) {
            this.refillOnTake = refillOnTake;
            return this;
        }

        /** @throws IllegalArgumentException if a value breaks its rule */
        public PoolSettings build() {
            return new PoolSettings(minIdle, maxIdle, perLanguage, budget, idleExpiry, maxIdleMemory, refillOnTake);
        }
    }
}
