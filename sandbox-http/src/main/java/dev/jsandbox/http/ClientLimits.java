package dev.jsandbox.http;

/**
 * The limits of one client of the API. Zero means no limit of that kind.
 *
 * @param requestsPerMinute requests per minute, as a token bucket holding a minute's worth that refills steadily
 *     (a client may burst a whole minute's requests at once, then one per {@code 60 / requestsPerMinute} s)
 * @param maxConcurrentExecutions executions of this client running or waiting in the sandbox at once
 * @param dailyExecutions executions per UTC day, counted in this server process's memory (a restart forgets them);
 *     the count starts again at 00:00 UTC
 */
public record ClientLimits(int requestsPerMinute, int maxConcurrentExecutions, int dailyExecutions) {

    /** No limit at all. */
    public static final ClientLimits NONE = new ClientLimits(0, 0, 0);

    /** Checks that no limit is negative. */
    public ClientLimits {
        if (requestsPerMinute < 0 || maxConcurrentExecutions < 0 || dailyExecutions < 0) {
            throw new IllegalArgumentException("limits must not be negative (0 means none), were requestsPerMinute="
                    + requestsPerMinute + ", maxConcurrentExecutions=" + maxConcurrentExecutions
                    + ", dailyExecutions=" + dailyExecutions);
        }
    }

    /** These limits, with {@code requestsPerMinute} when they have no rate of their own. */
    public ClientLimits withDefaultRate(int requestsPerMinute) {
        return this.requestsPerMinute > 0 ? this
                : new ClientLimits(requestsPerMinute, maxConcurrentExecutions, dailyExecutions);
    }
}
