package dev.jsandbox.redis;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ImageMissingException;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.SandboxBusyException;
import dev.jsandbox.api.SandboxClosedException;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes jobs from the broker's stream and runs each on a local sandbox (normally a {@code DockerSandbox}: one
 * worker per engine, any number of machines), storing each result once. Started by {@link Builder#start()}; runs
 * until {@link #close()}.
 *
 * <pre>{@code
 * try (DockerSandbox sandbox = DockerSandbox.builder().build();
 *      RedisWorker worker = RedisWorker.builder("redis://:secret@broker:6379", sandbox).start()) {
 *     // serves until closed
 * }
 * }</pre>
 *
 * <p>How a job goes: the worker reads it with {@code XREADGROUP} as a member of the consumer group, marks it
 * RUNNING (a Lua script that also counts the attempt and skips a cancelled job), executes it, stores the result and
 * acknowledges the entry in one script that stores only the first result (a job that ran twice stores one). While a
 * job runs its worker keeps the entry's idle time at zero, so a long job is never taken away from a live worker;
 * entries idle longer than {@link Builder#claimIdleTime(Duration)} belong to a dead worker and are claimed with
 * {@code XAUTOCLAIM}. A job taken more than {@link Builder#maxAttempts(int)} times goes to the dead-letter stream and
 * FAILED.
 *
 * <p>Exceptions of the local sandbox: a request it rejects (invalid, unknown language) or an image it lacks fails
 * the submission with the exception's message - running it again would fail again. An engine that is unavailable
 * (or a sandbox that is busy) means nothing ran and another worker may do better: the job goes back to the end of
 * the stream and this worker pauses reading for a few seconds; after {@code maxAttempts} such failures in a row the
 * submission fails with the last message. Leaving the entry unacknowledged instead would hold it for the whole
 * claim idle time and count as an attempt that ended a worker, which it did not.
 *
 * <p>The worker does not close the sandbox it was given.
 */
public final class RedisWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisWorker.class);
    private static final Duration READ_BLOCK = Duration.ofSeconds(1);
    private static final Duration ENGINE_BACKOFF = Duration.ofSeconds(5);
    private static final Duration REDIS_RETRY = Duration.ofSeconds(1);
    /** How long a finished job keeps trying to store its result while Redis is away (e.g. restarting). */
    private static final Duration STORE_PATIENCE = Duration.ofSeconds(120);

    private final RedisURI uri;
    private final BrokerKeys keys;
    private final CodeSandbox sandbox;
    private final int concurrency;
    private final String name;
    private final Duration claimIdleTime;
    private final int maxAttempts;
    private final Duration heartbeatInterval;
    private final Consumer<String> consumer;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> readerConnection;
    private final StatefulRedisConnection<String, String> commandConnection;
    private final RedisCommands<String, String> reader;
    private final RedisCommands<String, String> redis;
    private final Semaphore slots;
    private final ExecutorService jobs;
    private final ScheduledExecutorService heartbeat;
    private final Thread readerThread;
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile boolean stopping;
    private volatile long pausedUntil;
    private volatile long lastReclaim;

    private RedisWorker(Builder b, RedisURI uri) {
        this.uri = uri;
        this.keys = new BrokerKeys(b.prefix);
        this.sandbox = b.sandbox;
        this.concurrency = b.concurrency != null ? b.concurrency
                : Math.max(1, b.sandbox.health().maxConcurrentExecutions());
        this.name = b.workerName != null ? b.workerName : defaultName();
        this.claimIdleTime = b.claimIdleTime;
        this.maxAttempts = b.maxAttempts;
        this.heartbeatInterval = b.heartbeatInterval;
        this.consumer = Consumer.from(BrokerKeys.GROUP, name);
        this.client = Broker.client(uri);
        try {
            this.readerConnection = client.connect();
            this.commandConnection = client.connect();
        } catch (RedisException e) {
            client.shutdown();
            throw Broker.unavailable(uri, e);
        }
        this.reader = readerConnection.sync();
        this.redis = commandConnection.sync();
        // The reader blocks for READ_BLOCK at most; its own connection, so that it never delays the jobs' commands.
        readerConnection.setTimeout(READ_BLOCK.plusSeconds(30));
        Broker.call(uri, () -> {
            Broker.ensureGroup(redis, keys);
            return null;
        });
        this.slots = new Semaphore(concurrency);
        this.jobs = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "jsandbox-worker-job");
            thread.setDaemon(true);
            return thread;
        });
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jsandbox-worker-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        publishHeartbeat();
        heartbeat.scheduleWithFixedDelay(this::publishHeartbeat, heartbeatInterval.toMillis(),
                heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
        this.readerThread = new Thread(this::readLoop, "jsandbox-worker-reader");
        readerThread.start();
        LOG.info("worker {} consumes {} on {} with {} slot(s)", name, keys.jobs, Broker.describe(uri), concurrency);
    }

    /**
     * A builder for a worker that takes jobs from the broker at {@code redisUri} (as in
     * {@link RedisSandbox#builder(String)}) and runs them on {@code sandbox}.
     */
    public static Builder builder(String redisUri, CodeSandbox sandbox) {
        return new Builder(redisUri, sandbox);
    }

    /** This worker's consumer name in the group, e.g. {@code host-1234}. */
    public String name() {
        return name;
    }

    /** How many jobs run at once at most. */
    public int concurrency() {
        return concurrency;
    }

    /** Jobs running at this moment. */
    public int activeJobs() {
        return running.size();
    }

    /** Jobs this worker ran to a stored end (a result or a failure) since it started. */
    public int finishedJobs() {
        return finished.get();
    }

    /**
     * Stops taking jobs, lets the running ones finish and store their results, removes the heartbeat and closes the
     * connections. A job that does not finish in time stays unacknowledged and is taken over by another worker.
     * Idempotent.
     */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        try {
            readerThread.join(READ_BLOCK.plusSeconds(30).toMillis());
            jobs.shutdown();
            if (!jobs.awaitTermination(10, TimeUnit.MINUTES)) {
                LOG.warn("worker {}: jobs still running after 10 min; leaving them to other workers", name);
                jobs.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.shutdownNow();
        }
        heartbeat.shutdownNow();
        try {
            redis.del(keys.worker(name));
        } catch (RedisException e) {
            // The heartbeat expires by itself.
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        LOG.info("worker {} stopped after {} job(s)", name, finished.get());
    }

    // ---------------------------------------------------------------- reading

    private void readLoop() {
        while (!stopping) {
            try {
                if (System.nanoTime() < pausedUntil) {
                    Thread.sleep(200);
                    continue;
                }
                if (!slots.tryAcquire(READ_BLOCK.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int free = 1 + slots.drainPermits();
                List<StreamMessage<String, String>> messages;
                try {
                    messages = take(free);
                } finally {
                    slots.release(free);
                }
                // Each job holds its slot from here until it ends; the reader never takes more than it has slots.
                slots.acquireUninterruptibly(messages.size());
                for (StreamMessage<String, String> message : messages) {
                    running.put(message.getId(), Broker.field(message, "id"));
                    jobs.execute(() -> {
                        try {
                            handle(message);
                        } finally {
                            running.remove(message.getId());
                            slots.release();
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RedisException e) {
                LOG.warn("worker {}: the broker at {} cannot be read ({}); retrying", name, Broker.describe(uri),
                        e.getMessage());
                sleep(REDIS_RETRY);
            }
        }
    }

    /** Entries of dead workers first (checked every half claim idle time), else new ones. */
    private List<StreamMessage<String, String>> take(int count) {
        long now = System.nanoTime();
        if (now - lastReclaim > claimIdleTime.toNanos() / 2) {
            lastReclaim = now;
            List<StreamMessage<String, String>> claimed = reader.xautoclaim(keys.jobs,
                    XAutoClaimArgs.Builder.xautoclaim(consumer, claimIdleTime, "0-0").count(count)).getMessages();
            List<StreamMessage<String, String>> live = claimed.stream().filter(m -> m.getBody() != null
                    && !m.getBody().isEmpty()).toList();
            if (!live.isEmpty()) {
                LOG.info("worker {}: took over {} job(s) idle longer than {}", name, live.size(), claimIdleTime);
                return live;
            }
        }
        List<StreamMessage<String, String>> read = reader.xreadgroup(consumer,
                XReadArgs.Builder.count(count).block(READ_BLOCK), XReadArgs.StreamOffset.lastConsumed(keys.jobs));
        return read == null ? List.of() : read;
    }

    // ---------------------------------------------------------------- one job

    private void handle(StreamMessage<String, String> message) {
        String entry = message.getId();
        String id = Broker.field(message, "id");
        String taken = storing(() -> redis.eval(BrokerScripts.TAKE, ScriptOutputType.VALUE,
                new String[] {keys.submission(id), keys.jobs, keys.dead},
                BrokerKeys.GROUP, entry, String.valueOf(maxAttempts), name, keys.finished, id));
        if (taken == null || !taken.equals("RUN")) {
            if ("DEAD".equals(taken)) {
                LOG.warn("worker {}: submission {} ended {} workers; moved to {}", name, id, maxAttempts, keys.dead);
            }
            return;
        }
        ExecutionRequest request;
        try {
            request = BrokerJson.request(Broker.field(message, "request"));
        } catch (RuntimeException e) {
            finish(entry, id, null, "the broker holds a malformed request: " + e.getMessage(), FailureKind.REQUEST);
            return;
        }
        try {
            ExecutionResult result = sandbox.execute(request);
            finish(entry, id, result, null, null);
        } catch (InvalidRequestException e) {
            finish(entry, id, null, e.getMessage(), FailureKind.REQUEST);
        } catch (ImageMissingException e) {
            finish(entry, id, null, e.getMessage(), FailureKind.INFRASTRUCTURE);
        } catch (EngineUnavailableException | SandboxBusyException e) {
            pausedUntil = System.nanoTime() + ENGINE_BACKOFF.toNanos();
            String outcome = storing(() -> redis.eval(BrokerScripts.REQUEUE, ScriptOutputType.VALUE,
                    new String[] {keys.submission(id), keys.jobs}, BrokerKeys.GROUP, entry,
                    String.valueOf(maxAttempts), "the workers' engines could not run it: " + e.getMessage(),
                    keys.finished, id));
            LOG.warn("worker {}: submission {} not run ({}); {}", name, id, e.getMessage(), outcome);
        } catch (SandboxClosedException | ExecutionInterruptedException e) {
            // The worker is being stopped the hard way: the entry stays unacknowledged for another worker.
            LOG.warn("worker {}: submission {} cut short ({}); another worker will take it", name, id,
                    e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            LOG.error("worker {}: submission {} failed in the sandbox", name, id, e);
            finish(entry, id, null, "the worker failed (" + e.getClass().getName() + "); see its log",
                    FailureKind.INFRASTRUCTURE);
        }
    }

    private void finish(String entry, String id, @Nullable ExecutionResult result, @Nullable String failure,
            @Nullable FailureKind kind) {
        String field = result != null ? "result" : "failure";
        String value = result != null ? BrokerJson.result(result) : Objects.requireNonNull(failure);
        String state = result != null ? "DONE" : "FAILED";
        Long stored = storing(() -> redis.eval(BrokerScripts.FINISH, ScriptOutputType.INTEGER,
                new String[] {keys.submission(id), keys.jobs}, BrokerKeys.GROUP, entry, field, value, state,
                keys.finished, id, kind == null ? "" : kind.name()));
        if (stored != null) {
            finished.incrementAndGet();
            if (stored == 0) {
                LOG.info("worker {}: submission {} already had its end stored; this run's result is dropped", name, id);
            }
        }
    }

    /** A Redis call retried while Redis is away (a restart); null when it stayed away, leaving the entry pending. */
    private <T> @Nullable T storing(Supplier<T> call) {
        long deadline = System.nanoTime() + STORE_PATIENCE.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (RedisException e) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("worker {}: the broker stayed unreachable ({}); the job stays pending for another worker",
                            name, e.getMessage());
                    return null;
                }
                sleep(REDIS_RETRY);
            }
        }
    }

    // ---------------------------------------------------------------- heartbeat

    private void publishHeartbeat() {
        try {
            WorkerHeartbeat beat = WorkerHeartbeat.of(name, sandbox.languages(), sandbox.limits(), sandbox.health(),
                    running.size(), concurrency);
            redis.set(keys.worker(name), beat.toJson(),
                    SetArgs.Builder.px(heartbeatInterval.multipliedBy(3).toMillis()));
            List<String> entries = new ArrayList<>(running.keySet());
            if (!entries.isEmpty()) {
                // Our running jobs' entries stay at idle time zero, so no other worker claims them while we live.
                redis.xclaim(keys.jobs, consumer, XClaimArgs.Builder.justid(), entries.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            LOG.warn("worker {}: heartbeat not published ({})", name, e.getMessage());
        }
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RedisWorker[" + name + " on " + Broker.describe(uri) + ", " + concurrency + " slot(s)]";
    }

    /** Builds and starts a {@link RedisWorker}; every setter documents its default. */
    public static final class Builder {
        private final String redisUri;
        private final CodeSandbox sandbox;
        private String prefix = BrokerKeys.DEFAULT_PREFIX;
        private @Nullable Integer concurrency;
        private @Nullable String workerName;
        private Duration claimIdleTime = Duration.ofSeconds(30);
        private int maxAttempts = 3;
        private Duration heartbeatInterval = Duration.ofSeconds(5);

        private Builder(String redisUri, CodeSandbox sandbox) {
            this.redisUri = Objects.requireNonNull(redisUri, "redisUri");
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        }

        /** The key prefix, as the API nodes' ({@link RedisSandbox.Builder#keyPrefix(String)}); default jsandbox. */
        public Builder keyPrefix(String prefix) {
            new BrokerKeys(Objects.requireNonNull(prefix, "prefix"));
            this.prefix = prefix;
            return this;
        }

        /**
         * Jobs run at once; default as many as the sandbox runs at once ({@code maxConcurrentExecutions} of its
         * health), so that none waits in the sandbox's own queue while another worker is idle.
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 1024) {
                throw new IllegalArgumentException("concurrency must be between 1 and 1024, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * The consumer name, unique among the workers; default host name and process id ({@code host-1234}). A
         * restarted worker with the same name gets its own unfinished jobs back at once.
         */
        public Builder workerName(String workerName) {
            Objects.requireNonNull(workerName, "workerName");
            if (workerName.isBlank() || workerName.length() > 200
                    || !workerName.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("workerName must be 1 to 200 printable ASCII characters without"
                        + " spaces, was '" + workerName + "'");
            }
            this.workerName = workerName;
            return this;
        }

        /**
         * How long a job may sit unacknowledged with nobody refreshing it before another worker takes it over: how
         * soon the jobs of a dead worker run again; default 30 s. Live workers refresh their running jobs every
         * heartbeat, so a long job is not affected. Must be more than three heartbeat intervals.
         */
        public Builder claimIdleTime(Duration claimIdleTime) {
            RedisSandbox.Builder.requirePositive("claimIdleTime", claimIdleTime);
            this.claimIdleTime = claimIdleTime;
            return this;
        }

        /**
         * How many times a job may be taken before it goes to the dead-letter stream as FAILED; default 3. A job is
         * taken again only when its worker died (or hung) while running it.
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 100, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * How often the worker publishes its heartbeat (languages, limits, health; kept for three intervals) and
         * refreshes its running jobs; default 5 s.
         */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            RedisSandbox.Builder.requirePositive("heartbeatInterval", heartbeatInterval);
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        /**
         * Connects, publishes the first heartbeat and starts taking jobs.
         *
         * @throws IllegalArgumentException if the URI is malformed
         * @throws IllegalStateException if the claim idle time is not more than three heartbeat intervals
         * @throws EngineUnavailableException if Redis cannot be reached or refuses the credentials
         */
        public RedisWorker start() {
            if (claimIdleTime.compareTo(heartbeatInterval.multipliedBy(3)) <= 0) {
                throw new IllegalStateException("claimIdleTime (" + claimIdleTime + ") must be more than three"
                        + " heartbeat intervals (" + heartbeatInterval + "), or live workers lose their jobs");
            }
            return new RedisWorker(this, Broker.uri(redisUri));
        }
    }
}
