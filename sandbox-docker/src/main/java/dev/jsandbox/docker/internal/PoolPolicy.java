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
 */
public record PoolPolicy(ToIntFunction<String> minIdle, int maxIdle, int budget, Duration idleExpiry) {
}
