package dev.jsandbox.redis;

import dev.jsandbox.api.CancelOutcome;
import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SandboxBusyException;
import dev.jsandbox.api.SandboxClosedException;
import dev.jsandbox.api.SandboxHealth;
import dev.jsandbox.api.Submission;
import dev.jsandbox.api.SubmissionQueue;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CodeSandbox} and {@link SubmissionQueue} whose executions run on {@link RedisWorker}s anywhere, through a
 * Redis Stream: {@link #submit} queues a job and returns its id, {@link #execute} submits and waits. Languages,
 * limits and health are what the live workers publish; with no live worker, {@link #health()} is
 * {@link SandboxHealth.Status#DOWN DOWN} and {@link #execute} fails at once.
 *
 * <pre>{@code
 * try (RedisSandbox sandbox = RedisSandbox.builder("redis://:secret@broker:6379").build()) {
 *     ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", "print(6 * 7)")); // on some worker
 *     String id = sandbox.submit(ExecutionRequest.of("python", "print(1)"));                  // later, elsewhere
 *     Optional<Submission> done = sandbox.await(id, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Guarantees: a job runs at least once and its result is stored exactly once (see the module's README). Waiting
 * uses Redis pub/sub: a worker publishes a submission's id on {@code <prefix>:finished} when it stores the end, and
 * one subscription per instance wakes every local waiter for that id; as pub/sub drops messages while a connection
 * is re-established, a waiter also re-reads the state every {@value #AWAIT_SLICE_SECONDS} s. That costs no
 * connection per waiter (a blocking list pop would hold one connection per waiting thread).
 */
public final class RedisSandbox implements CodeSandbox, SubmissionQueue {

    private static final long AWAIT_SLICE_SECONDS = 2;
    /** How long a worker's published view is reused before Redis is asked again. */
    private static final Duration WORKER_VIEW_AGE = Duration.ofSeconds(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisURI uri;
    private final BrokerKeys keys;
    private final Duration resultTimeToLive;
    private final int maxQueueLength;
    private final Duration executeMargin;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> subscription;
    private final Map<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private volatile @Nullable WorkerView view;
    private volatile boolean closed;

    private RedisSandbox(Builder b, RedisURI uri) {
        this.uri = uri;
        this.keys = new BrokerKeys(b.prefix);
        this.resultTimeToLive = b.resultTimeToLive;
        this.maxQueueLength = b.maxQueueLength;
        this.executeMargin = b.executeMargin;
        this.client = Broker.client(uri);
        try {
            this.connection = client.connect();
            this.redis = connection.sync();
            Broker.ensureGroup(redis, keys);
            this.subscription = client.connectPubSub();
            subscription.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String id) {
                    Set<CompletableFuture<Void>> waiting = waiters.remove(id);
                    if (waiting != null) {
                        waiting.forEach(waiter -> waiter.complete(null));
                    }
                }
            });
            subscription.sync().subscribe(keys.finished);
        } catch (RedisException e) {
            client.shutdown();
            throw Broker.unavailable(uri, e);
        }
    }

    /**
     * A builder for a sandbox on the broker at {@code redisUri}, e.g. {@code redis://:password@host:6379/0} or
     * {@code rediss://...} for TLS. There is no default address and no default password: Redis without a password
     * is the operator's explicit choice.
     */
    public static Builder builder(String redisUri) {
        return new Builder(redisUri);
    }

    // ---------------------------------------------------------------- SubmissionQueue

    /**
     * Queues the request for a worker. Checked first against what the live workers published (language, code size,
     * limit overrides); with no live worker only the request's own rules are checked, and the job waits for one.
     *
     * @throws SandboxBusyException if the stream already holds {@code maxQueueLength} jobs
     */
    @Override
    public String submit(ExecutionRequest request) {
        Objects.requireNonNull(request, "request");
        requireOpen();
        WorkerView workers = workers();
        if (!workers.heartbeats().isEmpty()) {
            RequestCheck.check(request, workers.languages(), workers.limits());
        }
        String id = newId();
        String entry = Broker.call(uri, () -> redis.eval(BrokerScripts.SUBMIT, ScriptOutputType.VALUE,
                new String[] {keys.jobs, keys.submission(id)},
                String.valueOf(maxQueueLength), id, BrokerJson.request(request),
                String.valueOf(Broker.seconds(resultTimeToLive))));
        if (entry == null) {
            throw new SandboxBusyException("the broker's queue holds " + maxQueueLength + " jobs, its maximum; retry"
                    + " later or add workers", retryAfter(workers));
        }
        return id;
    }

    @Override
    public Optional<Submission> find(String id) {
        Objects.requireNonNull(id, "id");
        if (!isWellFormed(id)) {
            return Optional.empty();
        }
        Map<String, String> hash = Broker.call(uri, () -> redis.hgetall(keys.submission(id)));
        return submission(id, hash);
    }

    @Override
    public Optional<Submission> await(String id, Duration maxWait) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(maxWait, "maxWait");
        long deadline = System.nanoTime() + Math.max(0, maxWait.toNanos());
        while (true) {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            Set<CompletableFuture<Void>> waiting = waiters.computeIfAbsent(id, key -> ConcurrentHashMap.newKeySet());
            waiting.add(finished);
            try {
                // Registered before reading, so a finish published after the read always wakes this waiter.
                Optional<Submission> now = find(id);
                long left = deadline - System.nanoTime();
                if (now.isEmpty() || now.get().finished() || left <= 0) {
                    return now;
                }
                finished.get(Math.min(left, TimeUnit.SECONDS.toNanos(AWAIT_SLICE_SECONDS)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException sliceOver) {
                // Read the state again: a message may have been lost while the subscription reconnected.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExecutionInterruptedException("interrupted while waiting for submission " + id, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a waiter is only ever completed normally", e);
            } finally {
                waiting.remove(finished);
                waiters.computeIfPresent(id, (key, set) -> set.isEmpty() ? null : set);
            }
        }
    }

    @Override
    public CancelOutcome cancel(String id) {
        Objects.requireNonNull(id, "id");
        if (!isWellFormed(id)) {
            return CancelOutcome.UNKNOWN;
        }
        String outcome = Broker.call(uri, () -> redis.eval(BrokerScripts.CANCEL, ScriptOutputType.VALUE,
                new String[] {keys.submission(id), keys.jobs}));
        return CancelOutcome.valueOf(outcome);
    }

    // ---------------------------------------------------------------- CodeSandbox

    /**
     * Submits the request and waits for its result, at most the longest the limits allow (compile timeout, plus the
     * timeout for each test case) plus the margin of {@link Builder#executeMargin(Duration)} for the queue and the
     * containers. A job still queued then is cancelled.
     *
     * @throws EngineUnavailableException if no worker is alive, none finished the job in time, or the job failed for
     *     a reason other than the request (e.g. it ended its workers); the message says which
     * @throws InvalidRequestException if the request breaks the workers' limits or the worker rejected it
     */
    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        Objects.requireNonNull(request, "request");
        requireOpen();
        WorkerView workers = workers();
        if (workers.heartbeats().isEmpty()) {
            throw noWorker();
        }
        Limits limits = workers.limits().narrowedBy(request.limitOverrides());
        Duration bound = limits.compileTimeout()
                .plus(limits.timeout().multipliedBy(Math.max(1, request.testCases().size())))
                .plus(executeMargin);
        String id = submit(request);
        Submission submission;
        try {
            submission = await(id, bound).orElseThrow(() -> new EngineUnavailableException("submission " + id
                    + " vanished from the broker before it finished (was Redis flushed or restarted without"
                    + " persistence?)", null));
        } catch (ExecutionInterruptedException e) {
            cancel(id);
            throw e;
        }
        return switch (submission.state()) {
            case DONE -> Objects.requireNonNull(submission.result());
            case FAILED -> throw failure(id, Objects.requireNonNull(submission.failure()));
            case QUEUED, RUNNING -> {
                CancelOutcome cancelled = cancel(id);
                throw new EngineUnavailableException("no worker " + (cancelled == CancelOutcome.CANCELLED
                        ? "took submission " + id + " (now cancelled)" : "finished submission " + id)
                        + " within " + bound.toSeconds() + " s; " + workers.heartbeats().size()
                        + " worker(s) were alive: add workers or check their logs", null);
            }
        };
    }

    /** The tightest view of what the live workers allow: the limits of the first worker, by name. */
    @Override
    public Limits limits() {
        return workers().limits();
    }

    /** The languages of every live worker, by id; a language is available when one worker has its image. */
    @Override
    public List<LanguageInfo> languages() {
        return workers().languages();
    }

    /**
     * UP when at least one worker is alive and every live worker is UP; DEGRADED when some are not; DOWN with no live
     * worker or no broker. Counts are sums over the workers; the queue is the broker's stream.
     */
    @Override
    public SandboxHealth health() {
        if (closed) {
            return new SandboxHealth(SandboxHealth.Status.DOWN, null, Map.of(), 0, 0, List.of("the sandbox is closed"));
        }
        WorkerView workers;
        long depth;
        try {
            workers = readWorkers();
            depth = queueDepth();
        } catch (EngineUnavailableException e) {
            return new SandboxHealth(SandboxHealth.Status.DOWN, null, Map.of(), 0, 0, List.of(e.getMessage()));
        }
        int queued = (int) Math.min(Integer.MAX_VALUE, depth);
        if (workers.heartbeats().isEmpty()) {
            return new SandboxHealth(SandboxHealth.Status.DOWN, null, Map.of(), 0, 0, List.of(noWorker().getMessage()),
                    Map.of(), queued, maxQueueLength);
        }
        Map<String, Boolean> images = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int active = 0;
        int slots = 0;
        boolean allUp = true;
        for (WorkerHeartbeat worker : workers.heartbeats()) {
            worker.images().forEach((image, present) -> images.merge(image, present, Boolean::logicalOr));
            worker.problems().forEach(problem -> problems.add("worker " + worker.name() + ": " + problem));
            active += worker.activeExecutions();
            slots += worker.maxConcurrentExecutions();
            allUp &= worker.status() == SandboxHealth.Status.UP;
        }
        String engines = workers.heartbeats().size() + " worker(s); " + workers.heartbeats().get(0).engineVersion();
        return new SandboxHealth(allUp ? SandboxHealth.Status.UP : SandboxHealth.Status.DEGRADED, engines, images,
                active, slots, problems, Map.of(), queued, maxQueueLength);
    }

    /**
     * The broker's backlog: jobs not yet taken plus jobs being run (taken and not acknowledged). Entries are deleted
     * when acknowledged, so this is the stream's length.
     *
     * @throws EngineUnavailableException if the broker cannot be reached
     */
    public long queueDepth() {
        return Broker.call(uri, () -> redis.xlen(keys.jobs));
    }

    /** Stops accepting work and closes the connections; queued jobs stay in Redis for the workers. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        waiters.values().forEach(set -> set.forEach(waiter -> waiter.complete(null)));
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Override
    public String toString() {
        return "RedisSandbox[" + Broker.describe(uri) + ", prefix=" + keys.prefix + "]";
    }

    // ---------------------------------------------------------------- internals

    private Optional<Submission> submission(String id, Map<String, String> hash) {
        String state = hash.get("state");
        if (state == null) {
            return Optional.empty();
        }
        return Optional.of(switch (state) {
            case "QUEUED" -> Submission.queued(id);
            case "RUNNING" -> Submission.running(id);
            case "DONE" -> Submission.done(id, BrokerJson.result(hash.get("result")));
            case "FAILED" -> Submission.failed(id, hash.getOrDefault("failure", "failed"));
            default -> throw new IllegalStateException("submission " + id + " has the unknown state " + state);
        });
    }

    private RuntimeException failure(String id, String failure) {
        Map<String, String> hash = Broker.call(uri, () -> redis.hgetall(keys.submission(id)));
        String kind = hash.getOrDefault("failureKind", "");
        if (kind.equals(FailureKind.REQUEST.name())) {
            return new InvalidRequestException(failure);
        }
        return new EngineUnavailableException("submission " + id + " failed on the workers: " + failure, null);
    }

    private WorkerView workers() {
        WorkerView current = view;
        if (current != null && System.nanoTime() - current.readAt() < WORKER_VIEW_AGE.toNanos()) {
            return current;
        }
        return readWorkers();
    }

    private WorkerView readWorkers() {
        List<String> names = new ArrayList<>();
        Broker.call(uri, () -> {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, KeyScanArgs.Builder.matches(keys.workerPattern())
                        .limit(200));
                names.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
            return null;
        });
        List<WorkerHeartbeat> heartbeats = new ArrayList<>();
        if (!names.isEmpty()) {
            names.sort(null);
            Broker.call(uri, () -> redis.mget(names.toArray(String[]::new))).forEach(value -> {
                if (value.hasValue()) {
                    heartbeats.add(WorkerHeartbeat.fromJson(value.getValue()));
                }
            });
        }
        WorkerView fresh = new WorkerView(heartbeats, System.nanoTime());
        view = fresh;
        return fresh;
    }

    private EngineUnavailableException noWorker() {
        return new EngineUnavailableException("no worker is alive on the broker at " + Broker.describe(uri)
                + " (no heartbeat under " + keys.workerPattern() + "): start one (JSANDBOX_MODE=worker)", null);
    }

    private Duration retryAfter(WorkerView workers) {
        return workers.heartbeats().isEmpty() ? Duration.ofSeconds(5) : workers.limits().timeout();
    }

    private void requireOpen() {
        if (closed) {
            throw new SandboxClosedException("this RedisSandbox is closed");
        }
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Ids are 32 hex digits; anything else is unknown without asking Redis (and never becomes part of a key). */
    private static boolean isWellFormed(String id) {
        return id.length() == 32 && id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** The live workers' heartbeats, sorted by name, as read at {@code readAt} (System.nanoTime). */
    private record WorkerView(List<WorkerHeartbeat> heartbeats, long readAt) {

        Limits limits() {
            return heartbeats.isEmpty() ? Limits.defaults() : heartbeats.get(0).limits();
        }

        List<LanguageInfo> languages() {
            Map<String, LanguageInfo> byId = new TreeMap<>();
            for (WorkerHeartbeat worker : heartbeats) {
                for (LanguageInfo language : worker.languages()) {
                    byId.merge(language.id(), language, (a, b) -> a.available() ? a : b);
                }
            }
            return List.copyOf(new LinkedHashMap<>(byId).values());
        }
    }

    /**
     * Builds a {@link RedisSandbox}; every setter documents its default. {@link #build()} connects to Redis.
     */
    public static final class Builder {
        private final String redisUri;
        private String prefix = BrokerKeys.DEFAULT_PREFIX;
        private Duration resultTimeToLive = Duration.ofHours(1);
        private int maxQueueLength = 10_000;
        private Duration executeMargin = Duration.ofSeconds(60);

        private Builder(String redisUri) {
            this.redisUri = Objects.requireNonNull(redisUri, "redisUri");
        }

        /**
         * The prefix of every key, so that several deployments can share one Redis; default {@code jsandbox}. Workers
         * and API nodes of one deployment must use the same.
         */
        public Builder keyPrefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            new BrokerKeys(prefix);
            return this;
        }

        /**
         * How long a finished submission's result is kept, counted from when it finished; default 1 h (whole
         * seconds, at least 1). Stored with each submission, so the worker that finishes it applies it.
         */
        public Builder resultTimeToLive(Duration resultTimeToLive) {
            requirePositive("resultTimeToLive", resultTimeToLive);
            this.resultTimeToLive = resultTimeToLive;
            return this;
        }

        /**
         * The most jobs the stream may hold (queued and running) before {@link #submit} answers busy; default 10,000.
         */
        public Builder maxQueueLength(int maxQueueLength) {
            if (maxQueueLength < 1) {
                throw new IllegalArgumentException("maxQueueLength must be at least 1, was " + maxQueueLength);
            }
            this.maxQueueLength = maxQueueLength;
            return this;
        }

        /**
         * What {@link #execute} adds to the longest run the limits allow before it gives up on the workers: time for
         * the queue and the containers; default 60 s.
         */
        public Builder executeMargin(Duration executeMargin) {
            requirePositive("executeMargin", executeMargin);
            this.executeMargin = executeMargin;
            return this;
        }

        /**
         * Connects to Redis and creates the stream and its consumer group when missing.
         *
         * @throws IllegalArgumentException if the URI is malformed
         * @throws EngineUnavailableException if Redis cannot be reached or refuses the credentials
         */
        public RedisSandbox build() {
            return new RedisSandbox(this, Broker.uri(redisUri));
        }

        static void requirePositive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
        }
    }

}
