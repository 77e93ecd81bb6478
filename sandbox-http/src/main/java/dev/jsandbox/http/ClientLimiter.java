package dev.jsandbox.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-client limits: requests per minute (a Bucket4j token bucket per client), executions at once and
 * executions per UTC day. A client is a key's name, or, when the server has no keys, the remote address. Every
 * refusal is a 429 problem with {@code Retry-After}; rate-limited clients get {@code RateLimit-*} headers on
 * every answer. All counts live in this process's memory.
 *
 * <p>These limits are the server's business, on top of the sandbox's own admission (slots and queue), which
 * protects the machine as a whole: one client at its cap leaves room for the others.
 */
final class ClientLimiter {

    /** Remote addresses whose buckets are kept; past it, the buckets of idle addresses (full again) are dropped. */
    private static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final int defaultRequestsPerMinute;
    private final Clock clock;
    private final Map<String, RateBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, DailyCount> daily = new ConcurrentHashMap<>();

    ClientLimiter(int defaultRequestsPerMinute, Clock clock) {
        this.defaultRequestsPerMinute = defaultRequestsPerMinute;
        this.clock = clock;
    }

    /** Root handler: the request rate. Health probes are never limited (an orchestrator must always see them). */
    void limitRate(RoutingContext ctx) {
        if (ctx.request().path().startsWith(SandboxApi.HEALTH_PATH)) {
            ctx.next();
            return;
        }
        String client = clientId(ctx);
        int rate = limits(ctx).requestsPerMinute();
        if (rate == 0) {
            ctx.next();
            return;
        }
        if (client.startsWith("address:") && buckets.size() > MAX_TRACKED_ADDRESSES) {
            buckets.values().removeIf(RateBucket::idle);
        }
        RateBucket bucket = buckets.compute(client, (id, old) -> old != null && old.rate == rate ? old : new RateBucket(rate));
        ConsumptionProbe probe = bucket.bucket.tryConsumeAndReturnRemaining(1);
        ctx.response().putHeader("RateLimit-Limit", Integer.toString(rate))
                .putHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()))
                .putHeader("RateLimit-Reset", Long.toString(seconds(probe.getNanosToWaitForReset())));
        if (probe.isConsumed()) {
            ctx.next();
            return;
        }
        long retryAfter = seconds(probe.getNanosToWaitForRefill());
        ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
        Problems.send(ctx, 429, Problems.Type.RATE_LIMITED, "this client may send " + rate
                + " requests per minute; retry in about " + retryAfter + " s", Map.of("retryAfterSeconds", retryAfter));
    }

    /** Execute route handler, before the execution: the client's executions at once and per day. */
    void admitExecution(RoutingContext ctx) {
        ClientLimits limits = limits(ctx);
        String client = clientId(ctx);
        int cap = limits.maxConcurrentExecutions();
        if (cap > 0) {
            AtomicInteger count = running.computeIfAbsent(client, id -> new AtomicInteger());
            if (count.incrementAndGet() > cap) {
                count.decrementAndGet();
                ctx.response().putHeader("Retry-After", "1");
                Problems.send(ctx, 429, Problems.Type.CONCURRENCY_LIMITED, "this client may run " + cap
                        + " executions at once; retry when one has finished", Map.of("retryAfterSeconds", 1));
                return;
            }
            // Released when the answer is written or the connection is gone (which cancels the execution).
            ctx.addEndHandler(ended -> count.decrementAndGet());
        }
        countToday(ctx, limits, client);
    }

    /**
     * Submit route handler: a submission counts against the client's executions per day when it is accepted. The
     * cap on executions at once does not apply: the client does not hold a connection while it waits, and the
     * queue bounds how many wait.
     */
    void admitSubmission(RoutingContext ctx) {
        countToday(ctx, limits(ctx), clientId(ctx));
    }

    private void countToday(RoutingContext ctx, ClientLimits limits, String client) {
        int quota = limits.dailyExecutions();
        if (quota > 0 && !daily.computeIfAbsent(client, id -> new DailyCount()).tryCount(LocalDate.now(clock), quota)) {
            long untilMidnight = Duration.between(clock.instant(),
                    LocalDate.now(clock).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).toSeconds() + 1;
            ctx.response().putHeader("Retry-After", Long.toString(untilMidnight));
            Problems.send(ctx, 429, Problems.Type.QUOTA_EXHAUSTED, "this client's " + quota
                    + " executions for today (UTC) are used up; the count starts again at 00:00 UTC",
                    Map.of("retryAfterSeconds", untilMidnight));
            return;
        }
        ctx.next();
    }

    private ClientLimits limits(RoutingContext ctx) {
        ClientKey key = ctx.get(ApiKey.CLIENT_KEY);
        return key == null ? new ClientLimits(defaultRequestsPerMinute, 0, 0)
                : key.limits().withDefaultRate(defaultRequestsPerMinute);
    }

    /** The key's client, or the remote address of a server without keys. */
    static String clientId(RoutingContext ctx) {
        ClientKey key = ctx.get(ApiKey.CLIENT_KEY);
        return key != null ? "key:" + key.name() : "address:" + ctx.request().remoteAddress().hostAddress();
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /** A bucket of a minute's requests that refills steadily, and the rate it was made for (keys can change). */
    private static final class RateBucket {
        final int rate;
        final Bucket bucket;

        RateBucket(int rate) {
            this.rate = rate;
            this.bucket = Bucket.builder()
                    .addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofMinutes(1))).build();
        }

        boolean idle() {
            return bucket.getAvailableTokens() >= rate;
        }
    }

    /** Executions counted on one UTC day. */
    private static final class DailyCount {
        private LocalDate day = LocalDate.MIN;
        private int count;

        synchronized boolean tryCount(LocalDate today, int quota) {
            if (!today.equals(day)) {
                day = today;
                count = 0;
            }
            if (count >= quota) {
                return false;
            }
            count++;
            return true;
        }
    }
}
