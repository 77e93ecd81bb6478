package dev.jsandbox.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something another thread, process or the engine does, by asking again until a deadline. Tests use it
 * instead of a fixed sleep, which is too short on a slow machine and needlessly long on a fast one.
 *
 * <pre>{@code
 * Poll.until("the pool holds an idle container", Duration.ofSeconds(30),
 *         () -> sandbox.health().idleContainers().getOrDefault("python", 0) > 0);
 * }</pre>
 */
public final class Poll {

    /** How often a condition is asked when no interval is given: often enough to add little latency. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);

    private Poll() {
    }

    /**
     * Asks {@code condition} every {@link #DEFAULT_INTERVAL} until it is true.
     *
     * @param what what is awaited, for the failure message, e.g. {@code "the container is removed"}
     * @throws AssertionError if the condition is still false after {@code timeout}
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        until(what, timeout, DEFAULT_INTERVAL, condition);
    }

    /**
     * Asks {@code condition} every {@code interval} until it is true; for conditions that are costly to ask, or that
     * do work each time they are asked.
     *
     * @throws AssertionError if the condition is still false after {@code timeout}
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public static void until(String what, Duration timeout, Duration interval, BooleanSupplier condition)
            throws InterruptedException {
        Objects.requireNonNull(what, "what");
        Boolean done = until(timeout, interval, condition::getAsBoolean, Boolean::booleanValue);
        if (!done) {
            throw new AssertionError("timed out after " + timeout + " waiting until " + what);
        }
    }

    /**
     * Asks {@code probe} every {@link #DEFAULT_INTERVAL} until {@code done} accepts its answer, and returns the last
     * answer - accepted or not, so that the caller asserts on it with a message of its own.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<? super T> done)
            throws InterruptedException {
        return until(timeout, DEFAULT_INTERVAL, probe, done);
    }

    /**
     * As {@link #until(Duration, Supplier, Predicate)}, asking every {@code interval}.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public static <T> T until(Duration timeout, Duration interval, Supplier<T> probe, Predicate<? super T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T answer = probe.get();
        while (!done.test(answer) && System.nanoTime() - deadline < 0) {
            Thread.sleep(interval.toMillis());
            answer = probe.get();
        }
        return answer;
    }

    /**
     * Asks {@code condition} every {@link #DEFAULT_INTERVAL} for {@code period} and fails as soon as it is false: for
     * what must <em>not</em> happen within a while (a pool growing past its budget).
     *
     * @param what what must hold, for the failure message, e.g. {@code "at most 2 containers exist"}
     * @throws AssertionError the first time the condition is false
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public static void holdsFor(String what, Duration period, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + period.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("it stopped being true that " + what);
            }
            Thread.sleep(DEFAULT_INTERVAL.toMillis());
        } while (System.nanoTime() - end < 0);
        if (!condition.getAsBoolean()) {
            throw new AssertionError("it stopped being true that " + what);
        }
    }
}
