/**
 * Executions spread over many machines through Redis: {@link dev.jsandbox.redis.RedisSandbox} submits jobs to a
 * Redis Stream and reads their results back, {@link dev.jsandbox.redis.RedisWorker} consumes the stream and runs each
 * job on its local sandbox. See the module's README for the guarantees (at-least-once execution, a result stored
 * exactly once, a dead-letter stream) and what Redis needs.
 */
@NullMarked
package dev.jsandbox.redis;

import org.jspecify.annotations.NullMarked;
