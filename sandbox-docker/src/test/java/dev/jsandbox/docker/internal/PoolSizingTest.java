package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The demand-driven idle target, on a fake clock: no sleeping, no timing. */
class PoolSizingTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;

    /** {@code count} takes {@code gapNanos} apart, the first at {@code from}; returns the clock one gap later. */
    private static long takes(PoolSizing sizing, long from, long gapNanos, int count) {
        long now = from;
        for (int i = 0; i < count; i++, now += gapNanos) {
            sizing.taken(now);
        }
        return now;
    }

    @Test
    void withoutTakesTheTargetIsTheMinimum() {
        PoolSizing sizing = new PoolSizing(1, 8, 10, 0.3);
        assertEquals(1, sizing.target(0));
        assertEquals(1, sizing.target(3600 * SECOND));
        assertEquals(0, new PoolSizing(0, 8, 10, 0.3).target(5 * SECOND));
    }

    @Test
    void theRateConvergesToTheArrivalRate() {
        PoolSizing sizing = new PoolSizing(1, 8, 10, 0.3);
        long now = takes(sizing, 0, 100 * MILLI, 100);
        assertEquals(10, sizing.rateAt(now), 0.01);
    }

    @Test
    void aBackToBackCallerGetsEnoughContainersToCoverThoseBeingStarted() {
        // 20 takes per second, containers start in 200 ms: 4 are always being created, one more must be ready.
        PoolSizing sizing = new PoolSizing(1, 8, 10, 0.2);
        long now = takes(sizing, 0, 50 * MILLI, 100);
        assertEquals(5, sizing.target(now));
    }

    @Test
    void aFewQuickTakesRaiseTheTargetButTwoSimultaneousOnesDoNot() {
        PoolSizing pair = new PoolSizing(1, 8, 10, 0.2);
        long now = takes(pair, 0, 0, 2);
        assertEquals(1, pair.target(now), "two callers arriving together are no flood");
        PoolSizing burst = new PoolSizing(1, 8, 10, 0.2);
        now = takes(burst, 0, 50 * MILLI, 10);
        assertTrue(burst.target(now) >= 4, "ten takes 50 ms apart: " + burst.target(now));
    }

    @Test
    void theTargetIsClampedToTheMaximum() {
        PoolSizing sizing = new PoolSizing(1, 3, 10, 0.5);
        long now = takes(sizing, 0, 10 * MILLI, 100);
        assertEquals(3, sizing.target(now));
    }

    @Test
    void theTargetShrinksBackWhenTheCallersStop() {
        PoolSizing sizing = new PoolSizing(1, 8, 10, 0.2);
        long now = takes(sizing, 0, 50 * MILLI, 100);
        assertEquals(5, sizing.target(now));
        assertEquals(2, sizing.target(now + SECOND), "one second without a take");
        assertEquals(1, sizing.target(now + 10 * SECOND));
        PoolSizing empty = new PoolSizing(0, 8, 10, 0.2);
        long then = takes(empty, 0, 50 * MILLI, 100);
        assertEquals(0, empty.target(then + 10 * SECOND), "a pool without a minimum empties again");
    }

    @Test
    void slowerStartsNeedMoreIdleContainers() {
        PoolSizing fast = new PoolSizing(1, 16, 10, 0.1);
        PoolSizing slow = new PoolSizing(1, 16, 10, 0.1);
        for (int i = 0; i < 100; i++) {
            slow.started(600 * MILLI);
            fast.started(100 * MILLI);
        }
        assertEquals(0.6, slow.startSeconds(), 0.001);
        long now = takes(fast, 0, 100 * MILLI, 100);
        takes(slow, 0, 100 * MILLI, 100);
        // 10 per second: 1 being created for fast starts (target 2), 6 for slow ones (target 7).
        assertEquals(2, fast.target(now));
        assertEquals(7, slow.target(now));
    }

    @Test
    void startTimesThatVaryAreCoveredByTheirDeviation() {
        PoolSizing steady = new PoolSizing(1, 16, 10, 0.3);
        PoolSizing jittery = new PoolSizing(1, 16, 10, 0.3);
        for (int i = 0; i < 50; i++) {
            steady.started(300 * MILLI);
            jittery.started((i % 2 == 0 ? 100 : 500) * MILLI);
        }
        assertEquals(0.3, steady.plannedStartSeconds(), 0.001);
        assertTrue(jittery.plannedStartSeconds() > 0.6, "plans for the slow starts: " + jittery.plannedStartSeconds());
        long now = takes(steady, 0, 100 * MILLI, 100);
        takes(jittery, 0, 100 * MILLI, 100);
        assertEquals(4, steady.target(now));
        assertTrue(jittery.target(now) > steady.target(now));
    }

    @Test
    void eachRecentMissAddsAContainerForThirtySeconds() {
        PoolSizing sizing = new PoolSizing(1, 8, 10, 0.2);
        long now = takes(sizing, 0, 50 * MILLI, 100);
        assertEquals(5, sizing.target(now));
        sizing.missed(now);
        sizing.missed(now);
        assertEquals(7, sizing.target(now));
        assertEquals(1 + 2, sizing.target(now + 29 * SECOND), "the callers stopped; the misses still count");
        assertEquals(1, sizing.target(now + 30 * SECOND));
        sizing.missed(now + 40 * SECOND);
        assertEquals(1 + 1, sizing.target(now + 41 * SECOND), "an old miss no longer counts");
        PoolSizing capped = new PoolSizing(1, 3, 10, 0.2);
        for (int i = 0; i < 10; i++) {
            capped.missed(i * MILLI);
        }
        assertEquals(3, capped.target(10 * MILLI));
    }

    @Test
    void anOccasionalCallerKeepsTheMinimum() {
        PoolSizing sizing = new PoolSizing(1, 8, 10, 0.3);
        long now = takes(sizing, 0, 30 * SECOND, 20);
        assertEquals(1, sizing.target(now));
        assertEquals(1, sizing.target(now - 30 * SECOND), "right after a take too");
    }

    @Test
    void rejectsImpossibleBounds() {
        assertThrows(IllegalArgumentException.class, () -> new PoolSizing(3, 2, 10, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new PoolSizing(0, 2, 0, 0.3));
    }
}
