package dev.jsandbox.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SubmissionQueue} in this JVM's memory: submissions wait in a bounded queue and run on a few threads of
 * its own, each blocked in {@link CodeSandbox#execute} of the given sandbox; results are kept in memory for a
 * time-to-live. Nothing survives the process: for submissions that outlive it, or executions spread over several
 * machines, use a queue backed by a broker (e.g. {@code RedisSandbox} of {@code sandbox-redis}).
 *
 * <pre>{@code
 * try (LocalSubmissionQueue queue = LocalSubmissionQueue.builder(sandbox).workers(4).build()) {
 *     String id = queue.submit(ExecutionRequest.of("python", "print(6 * 7)"));
 *     Submission done = queue.await(id, Duration.ofSeconds(30)).orElseThrow();
 * }
 * }</pre>
 *
 * <p>Outcomes: whatever the program did is {@link SubmissionState#DONE} with its result. A {@link SandboxException}
 * of the sandbox (a request it refuses only when executing, a missing image, an unreachable engine) is
 * {@link SubmissionState#FAILED} with the exception's message, which the sandbox writes and which never holds
 * program output. Any other exception is FAILED with a fixed message (its own could say anything). A sandbox that
 * refuses for being busy ({@link SandboxBusyException}: its slots and its own queue are taken by other callers) is
 * asked again after a pause of at most a second; the submission stays RUNNING meanwhile.
 *
 * <p>Ids are random UUIDs ({@link UUID#randomUUID()}, from {@link java.security.SecureRandom}): 122 random bits,
 * so an id cannot be guessed from another. A finished submission is kept for {@link Builder#resultTimeToLive} after
 * it finished, or until {@link Builder#maxRetainedResults} newer ones push it out, whichever comes first; expired
 * ones are purged on the next call of any method (no thread of its own does it).
 *
 * <p>{@link #close()} stops accepting, and — this queue being in memory — does not keep what waits: queued
 * submissions become FAILED at once and running ones are interrupted (the sandbox stops their programs and
 * removes their containers) and become FAILED. The sandbox itself is not closed: it is the caller's.
 */
public final class LocalSubmissionQueue implements SubmissionQueue {

    static final String CLOSED_FAILURE = "the submission queue was closed (the server shut down) before this"
            + " submission finished; submit it again";
    static final String UNEXPECTED_FAILURE = "the sandbox failed unexpectedly while executing this submission;"
            + " the server log may say more";

    /** Longest pause before asking a busy sandbox again. */
    private static final Duration MAX_BUSY_PAUSE = Duration.ofSeconds(1);

    private final CodeSandbox sandbox;
    private final Duration timeToLive;
    private final int maxRetained;
    private final LongSupplier nanoTime;
    private final ThreadPoolExecutor workers;
    private final SubmissionPrecheck precheck;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Every known submission: waiting, running, or finished and not yet expired. Guarded by itself. */
    private final Map<String, Entry> entries = new HashMap<>();
    /** The finished ones in the order they finished, oldest first: expiry and eviction take from the head. */
    private final ArrayDeque<Entry> finished = new ArrayDeque<>();

    private LocalSubmissionQueue(Builder builder) {
        this.sandbox = builder.sandbox;
        this.timeToLive = builder.resultTimeToLive;
        this.maxRetained = builder.maxRetainedResults;
        this.nanoTime = builder.nanoTime;
        this.precheck = new SubmissionPrecheck(sandbox);
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(builder.workers, builder.workers, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(builder.queueCapacity), task -> {
                    Thread thread = new Thread(task, "jsandbox-submission-" + count.incrementAndGet());
                    // An embedding application must be able to exit even if it forgets close().
                    thread.setDaemon(true);
                    return thread;
                });
        // Idle workers go away: a queue that is rarely used holds no threads.
        workers.allowCoreThreadTimeOut(true);
    }

    /** A builder over {@code sandbox}, with the defaults documented on its setters. */
    public static Builder builder(CodeSandbox sandbox) {
        return new Builder(sandbox);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Checks the request up front against what the sandbox says of itself (its languages and its
     * {@link Limits}: code, input and test case sizes, limit overrides), so that most invalid requests are refused
     * here rather than ending FAILED.
     *
     * @throws SandboxBusyException if {@link Builder#queueCapacity} submissions wait already; retry after about
     *     one execution timeout of the sandbox
     */
    @Override
    public String submit(ExecutionRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        precheck.check(request);
        Entry entry = new Entry(UUID.randomUUID().toString(), request);
        synchronized (entries) {
            purgeExpired();
            entries.put(entry.id, entry);
        }
        try {
            workers.execute(entry);
        } catch (RejectedExecutionException e) {
            forget(entry);
            ensureOpen(); // close() won the race: that, not a full queue, is why it was refused
            throw new SandboxBusyException("the submission queue is full (" + workers.getQueue().size()
                    + " waiting); retry later", sandbox.limits().timeout());
        }
        return entry.id;
    }

    @Override
    public Optional<Submission> find(String id) {
        return Optional.ofNullable(entry(id)).map(Entry::snapshot);
    }

    @Override
    public Optional<Submission> await(String id, Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
        }
        Entry entry = entry(id);
        if (entry == null) {
            return Optional.empty();
        }
        try {
            // Completed with the final state, or with null when cancelled (the id is unknown from then on).
            return Optional.ofNullable(entry.outcome.get(maxWait.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.of(entry.snapshot());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionInterruptedException("interrupted while waiting for submission " + id, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the outcome of a submission is never exceptional", e);
        }
    }

    @Override
    public CancelOutcome cancel(String id) {
        Entry entry = entry(id);
        if (entry == null) {
            return CancelOutcome.UNKNOWN;
        }
        if (!entry.state.compareAndSet(Entry.QUEUED, Entry.CANCELLED)) {
            return CancelOutcome.ALREADY_STARTED;
        }
        workers.remove(entry); // frees its place in the queue; a worker that takes it anyway finds it cancelled
        forget(entry);
        entry.outcome.complete(null);
        return CancelOutcome.CANCELLED;
    }

    /**
     * Stops accepting submissions; queued submissions become FAILED without running, running ones are interrupted
     * and become FAILED once the sandbox has stopped them. Returns without waiting for that. What is known stays
     * readable through {@link #find} and {@link #await} until it expires. Does not close the sandbox. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Runnable waiting : workers.shutdownNow()) {
            Entry entry = (Entry) waiting;
            if (entry.state.compareAndSet(Entry.QUEUED, Entry.FINISHED)) {
                entry.finish(Submission.failed(entry.id, CLOSED_FAILURE));
            }
        }
    }

    /** How many submissions wait for a worker now; for monitoring. */
    public int queued() {
        return workers.getQueue().size();
    }

    private @Nullable Entry entry(String id) {
        Objects.requireNonNull(id, "id");
        synchronized (entries) {
            purgeExpired();
            return entries.get(id);
        }
    }

    private void forget(Entry entry) {
        synchronized (entries) {
            entries.remove(entry.id, entry);
        }
    }

    /** Drops finished entries past their time-to-live, oldest first, and the oldest beyond the count kept. */
    private void purgeExpired() {
        long now = nanoTime.getAsLong();
        Entry oldest;
        while ((oldest = finished.peekFirst()) != null
                && (finished.size() > maxRetained || now - oldest.finishedAt >= timeToLive.toNanos())) {
            finished.removeFirst();
            entries.remove(oldest.id, oldest);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new SandboxClosedException("this submission queue is closed; create a new one");
        }
    }

    /** One submission; it is also the worker's task. */
    private final class Entry implements Runnable {
        static final int QUEUED = 0;
        static final int RUNNING = 1;
        static final int FINISHED = 2;
        static final int CANCELLED = 3;

        final String id;
        final ExecutionRequest request;
        /** QUEUED to RUNNING (a worker took it) or CANCELLED; the winner of the race decides. */
        final AtomicInteger state = new AtomicInteger(QUEUED);
        final CompletableFuture<@Nullable Submission> outcome = new CompletableFuture<>();
        /** Set once, before {@link #outcome} completes; read after it did. */
        long finishedAt;

        Entry(String id, ExecutionRequest request) {
            this.id = id;
            this.request = request;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return; // cancelled, or failed by close()
            }
            if (closed.get()) {
                // shutdownNow() lets a worker that already holds a task run it; it must not start after close.
                finish(Submission.failed(id, CLOSED_FAILURE));
                return;
            }
            finish(execute());
        }

        private Submission execute() {
            while (true) {
                try {
                    return Submission.done(id, sandbox.execute(request));
                } catch (SandboxBusyException busy) {
                    // The sandbox's slots and its own queue are taken by other callers (e.g. synchronous
                    // executions): this submission is still good, so it waits its turn rather than failing.
                    if (!pause(busy.retryAfter())) {
                        return Submission.failed(id, CLOSED_FAILURE);
                    }
                } catch (SandboxException e) {
                    return Submission.failed(id, closed.get() ? CLOSED_FAILURE : String.valueOf(e.getMessage()));
                } catch (RuntimeException e) {
                    return Submission.failed(id, UNEXPECTED_FAILURE);
                }
            }
        }

        /** False when interrupted by {@link #close()}. */
        private boolean pause(Duration retryAfter) {
            try {
                Thread.sleep(Math.min(retryAfter.toMillis(), MAX_BUSY_PAUSE.toMillis()));
                return !closed.get();
            } catch (InterruptedException e) {
                return false;
            }
        }

        void finish(Submission end) {
            synchronized (entries) {
                finishedAt = nanoTime.getAsLong();
                if (entries.get(id) == this) {
                    finished.addLast(this);
                    purgeExpired();
                }
            }
            outcome.complete(end);
        }

        Submission snapshot() {
            Submission end = outcome.getNow(null);
            if (end != null) {
                return end;
            }
            return state.get() == QUEUED ? Submission.queued(id) : Submission.running(id);
        }
    }

    /**
     * Builds a {@link LocalSubmissionQueue}. Bad values throw {@link IllegalArgumentException} naming the value and
     * the rule.
     */
    public static final class Builder {
        private final CodeSandbox sandbox;
        private int workers = Runtime.getRuntime().availableProcessors();
        private int queueCapacity = 256;
        private Duration resultTimeToLive = Duration.ofHours(1);
        private int maxRetainedResults = 10_000;
        private LongSupplier nanoTime = System::nanoTime;

        private Builder(CodeSandbox sandbox) {
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        }

        /**
         * Submissions executed at once, each on a thread of the queue blocked in the sandbox. Default: the number of
         * CPUs, which is what {@code DockerSandbox} runs at once by default; more would only wait in the sandbox's
         * own queue (or be refused by it). Between 1 and 1024.
         */
        public Builder workers(int workers) {
            requireRange("workers", workers, 1, 1024);
            this.workers = workers;
            return this;
        }

        /**
         * Submissions that may wait for a worker; one more is refused with {@link SandboxBusyException}. Default 256.
         * Each holds its request (code and input) in memory. Between 1 and 1,000,000.
         */
        public Builder queueCapacity(int queueCapacity) {
            requireRange("queueCapacity", queueCapacity, 1, 1_000_000);
            this.queueCapacity = queueCapacity;
            return this;
        }

        /**
         * How long a finished submission stays readable after it finished. Default 1 hour. Between 1 second and
         * 7 days.
         */
        public Builder resultTimeToLive(Duration resultTimeToLive) {
            Objects.requireNonNull(resultTimeToLive, "resultTimeToLive");
            if (resultTimeToLive.compareTo(Duration.ofSeconds(1)) < 0 || resultTimeToLive.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("resultTimeToLive must be between 1 second and 7 days, was "
                        + resultTimeToLive);
            }
            this.resultTimeToLive = resultTimeToLive;
            return this;
        }

        /**
         * Finished submissions kept at most; past it the oldest is dropped before its time-to-live ends, which bounds
         * the memory results take (each holds at most the sandbox's output limits). Default 10,000. Between 1 and
         * 10,000,000.
         */
        public Builder maxRetainedResults(int maxRetainedResults) {
            requireRange("maxRetainedResults", maxRetainedResults, 1, 10_000_000);
            this.maxRetainedResults = maxRetainedResults;
            return this;
        }

        /** The clock of the time-to-live, in nanoseconds like {@link System#nanoTime()} (the default); for tests. */
        Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** The queue; its worker threads start with the first submissions. */
        public LocalSubmissionQueue build() {
            return new LocalSubmissionQueue(this);
        }

        private static void requireRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
            }
        }
    }
}
