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
 * <p>Each language keeps between its minimum and maximum number of idle containers: a request that finds none
 * raises the language's target by one (up to the maximum), a quiet expiry period lowers it again. Idle containers
 * expire and are replaced, so none waits for a job longer than {@link #idleExpiry()}.
 *
 * @param minIdle idle containers kept per language by default
 * @param maxIdle the most idle containers a language grows to under load
 * @param perLanguageMinIdle per-language overrides of {@code minIdle}, keyed by runtime id
 * @param budget the most containers the sandbox holds at once (idle, busy or being created); the pool never
 *     starts a container that would exceed it
 * @param idleExpiry how long a container may wait for a job before it is replaced
 */
public record PoolSettings(int minIdle, int maxIdle, Map<String, Integer> perLanguageMinIdle, int budget,
        Duration idleExpiry) {

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
    }

    /** No pre-started containers: every execution creates and starts its container on the caller's thread. */
    public static PoolSettings disabled() {
        return builder().minIdle(0).maxIdle(0).build();
    }

    /** A builder with the defaults: 1 idle container per language, at most 4, budget 64, expiry 60 s. */
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
        private int maxIdle = 4;
        private final Map<String, Integer> perLanguage = new HashMap<>();
        private int budget = 64;
        private Duration idleExpiry = Duration.ofSeconds(60);

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

        /** The most idle containers a language grows to under load; default 4. */
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

        /** @throws IllegalArgumentException if a value breaks its rule */
        public PoolSettings build() {
            return new PoolSettings(minIdle, maxIdle, perLanguage, budget, idleExpiry);
        }
    }
}
