package dev.jsandbox.docker.internal;

/**
 * How many idle containers one language should hold, from its observed demand. Pure logic with an injected clock
 * (nanoseconds), so it is tested without timing; not thread-safe (its owner synchronises).
 *
 * <p>The arrival rate is the inverse of a moving average of the gaps between takes (each new gap weighs
 * {@link #GAP_WEIGHT}; the average starts at {@code quietGap}, so a couple of simultaneous takes do not look like
 * a flood, while about eight quick ones do). Once takes stop, the time since the last one counts as the gap when it
 * is longer, so the rate fades as 1/t. By Little's law, {@code rate x startTime} containers are being created at
 * any moment when each take starts a replacement; the target covers those plus one ready container, rounded up,
 * clamped to {@code [minIdle, maxIdle]}; the start time planned for is {@link #plannedStartSeconds()}, and each
 * recent miss adds one more ({@link #missed(long)}). A demand
 * below {@link #NEGLIGIBLE_DEMAND} counts as none, so a pool with {@code minIdle} 0 empties again once its callers
 * are gone.
 */
final class PoolSizing {

    /** Demands (containers in creation) below this count as none. */
    static final double NEGLIGIBLE_DEMAND = 0.05;
    /** The weight of a new gap between takes in its moving average. */
    static final double GAP_WEIGHT = 0.5;
    /** How long a miss keeps its extra container in the target. */
    static final java.time.Duration MISS_MEMORY = java.time.Duration.ofSeconds(30);
    private static final long MISS_MEMORY_NANOS = MISS_MEMORY.toNanos();
    /** The weight of a new start-time sample in its moving average. */
    static final double START_TIME_WEIGHT = 0.3;

    private final int minIdle;
    private final int maxIdle;
    private double gapSeconds;
    private long lastTake;
    private boolean taken;
    private double startSeconds;
    private double startDeviation;
    private int missBoost;
    private long lastMiss;

    /**
     * @param minIdle the least idle containers
     * @param maxIdle the most idle containers
     * @param quietGap the gap between takes, in seconds, assumed before any was seen
     * @param initialStartSeconds the assumed start time of a container until one was measured
     */
    PoolSizing(int minIdle, int maxIdle, double quietGap, double initialStartSeconds) {
        if (minIdle < 0 || maxIdle < minIdle || quietGap <= 0 || initialStartSeconds <= 0) {
            throw new IllegalArgumentException("need 0 <= minIdle <= maxIdle and positive times, got " + minIdle + ", "
                    + maxIdle + ", " + quietGap + ", " + initialStartSeconds);
        }
        this.minIdle = minIdle;
        this.maxIdle = maxIdle;
        this.gapSeconds = quietGap;
        this.startSeconds = initialStartSeconds;
    }

    /** A container was taken (or asked for and missing) at {@code now}, a clock reading in nanoseconds. */
    void taken(long now) {
        if (taken) {
            double gap = Math.max(0, now - lastTake) / 1e9;
            gapSeconds += GAP_WEIGHT * (gap - gapSeconds);
        }
        taken = true;
        lastTake = now;
    }

    /**
     * A take at {@code now} found no idle container: the estimate fell short (a start slower than its deviation
     * foretold, a burst). Each miss adds one container to the target, held until {@link #MISS_MEMORY} passed
     * without another.
     */
    void missed(long now) {
        if (now - lastMiss >= MISS_MEMORY_NANOS) {
            missBoost = 0;
        }
        missBoost++;
        lastMiss = now;
    }

    /** A container of this language took {@code nanos} to create and start. */
    void started(long nanos) {
        double sample = nanos / 1e9;
        startDeviation += START_TIME_WEIGHT * (Math.abs(sample - startSeconds) - startDeviation);
        startSeconds += START_TIME_WEIGHT * (sample - startSeconds);
    }

    /** The arrival rate in takes per second, as seen at {@code now}; 0 before the first take. */
    double rateAt(long now) {
        if (!taken) {
            return 0;
        }
        double sinceLast = Math.max(0, now - lastTake) / 1e9;
        return 1 / Math.max(Math.max(gapSeconds, sinceLast), 1e-6);
    }

    /** The average start time of a container, in seconds. */
    double startSeconds() {
        return startSeconds;
    }

    /**
     * The start time the target plans for: the average plus twice the mean deviation (as TCP plans its
     * retransmission timeout from round-trip times), so that a machine whose start times vary keeps enough
     * containers in flight for the slow ones too.
     */
    double plannedStartSeconds() {
        return startSeconds + 2 * startDeviation;
    }

    /** How many idle containers the language should hold at {@code now}. */
    int target(long now) {
        double demand = rateAt(now) * plannedStartSeconds();
        // The small epsilon keeps a demand of exactly 4 (give or take a rounding error) at a target of 5, not 6.
        int wanted = demand < NEGLIGIBLE_DEMAND ? 0 : (int) Math.ceil(demand + 1 - 1e-9);
        int boost = missBoost > 0 && now - lastMiss < MISS_MEMORY_NANOS ? missBoost : 0;
        return Math.min(maxIdle, Math.max(minIdle, wanted) + boost);
    }
}
