package dev.jsandbox.docker.internal;

import java.time.Duration;
import java.util.function.ToIntFunction;

/**
 * The pool's settings as the implementation needs them (the public form is {@code dev.jsandbox.docker.PoolSettings}).
 *
 * @param minIdle idle containers kept per runtime id
 * @param maxIdle the most idle containers a runtime grows to under load; 0 disables the pool
 * @param budget the most containers the sandbox holds at once
 * @param idleExpiry how long a container may wait for a job
 * @param maxIdleMemory the most memory all idle containers together may hold, in bytes
 * @param refillOnTake true to start a replacement when a container is taken, false when its execution ended
 */
public record PoolPolicy(ToIntFunction<String> minIdle, int maxIdle, int budget, Duration idleExpiry,
        long maxIdleMemory, boolean refillOnTake) {
}
