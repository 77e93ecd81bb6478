package dev.jsandbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalSubmissionQueueTest {

    /** Long enough for any machine; the tests never wait this long unless they fail. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ScriptedSandbox sandbox = new ScriptedSandbox();
    private LocalSubmissionQueue queue;

    @AfterEach
    void close() {
        sandbox.release.countDown();
        if (queue != null) {
            queue.close();
        }
    }

    @Test
    void runsASubmissionToItsResult() {
        queue = LocalSubmissionQueue.builder(sandbox).build();
        String id = queue.submit(ExecutionRequest.of("python", "print(42)"));

        Submission done = queue.await(id, PATIENCE).orElseThrow();

        assertEquals(SubmissionState.DONE, done.state());
        assertEquals(id, done.id());
        assertEquals("print(42)", done.result().stdout());
        assertEquals(Optional.of(done), queue.find(id));
        assertEquals(List.of("print(42)"), sandbox.executed);
    }

    @Test
    void idsAreRandomUuidsOfTheContractsAlphabet() {
        queue = LocalSubmissionQueue.builder(sandbox).build();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String id = queue.submit(ExecutionRequest.of("python", "print(" + i + ")"));
            assertTrue(SubmissionQueue.isWellFormedId(id), id);
            assertEquals(4, java.util.UUID.fromString(id).version(), "random (type 4) UUID: " + id);
            ids.add(id);
        }
        assertEquals(20, ids.size());
    }

    @Test
    void refusesAnUnknownLanguageAtOnceAndAcceptsAliasesInAnyCase() {
        queue = LocalSubmissionQueue.builder(sandbox).build();
        UnknownLanguageException unknown = assertThrows(UnknownLanguageException.class,
                () -> queue.submit(ExecutionRequest.of("cobol", "DISPLAY 1")));
        assertEquals(List.of("python"), unknown.knownLanguages());

        String id = queue.submit(ExecutionRequest.of("PY", "print(1)"));
        assertEquals(SubmissionState.DONE, queue.await(id, PATIENCE).orElseThrow().state());
        assertEquals(List.of("print(1)"), sandbox.executed, "only the valid request ran");
    }

    @Test
    void refusesRequestsOverTheSandboxsLimitsAtOnce() {
        sandbox.limits = Limits.defaults().toBuilder().maxCodeBytes(10).maxStdinBytes(5).maxTestCases(2).build();
        queue = LocalSubmissionQueue.builder(sandbox).build();

        InvalidRequestException code = assertThrows(InvalidRequestException.class,
                () -> queue.submit(ExecutionRequest.of("python", "print('é')")));
        assertTrue(code.getMessage().contains("11 bytes"), code.getMessage()); // 10 characters, 11 bytes in UTF-8
        assertThrows(InvalidRequestException.class, () -> queue.submit(ExecutionRequest.builder("python", "1")
                .file("a.py", "0123456789").build()));
        assertThrows(InvalidRequestException.class,
                () -> queue.submit(ExecutionRequest.of("python", "1", "123456")));
        assertThrows(InvalidRequestException.class, () -> queue.submit(ExecutionRequest.builder("python", "1")
                .testCase(TestCase.withInput("1")).testCase(TestCase.withInput("2"))
                .testCase(TestCase.withInput("3")).build()));
        assertThrows(InvalidRequestException.class, () -> queue.submit(ExecutionRequest.builder("python", "1")
                .limitOverrides(LimitOverrides.timeout(Duration.ofMinutes(1))).build()));

        assertTrue(sandbox.executed.isEmpty());
        String fits = queue.submit(ExecutionRequest.of("python", "1234567890", "12345"));
        assertEquals(SubmissionState.DONE, queue.await(fits, PATIENCE).orElseThrow().state());
    }

    @Test
    void aSandboxFaultIsAFailureWithItsMessage() {
        ImageMissingException fault = new ImageMissingException("jsandbox/python:2", "docker/build-images.sh python",
                "is missing");
        sandbox.behaviour = request -> {
            throw fault;
        };
        queue = LocalSubmissionQueue.builder(sandbox).build();
        String id = queue.submit(ExecutionRequest.of("python", "print(1)"));

        Submission failed = queue.await(id, PATIENCE).orElseThrow();

        assertEquals(SubmissionState.FAILED, failed.state());
        assertEquals(fault.getMessage(), failed.failure());
        assertTrue(failed.failure().startsWith("image jsandbox/python:2 is missing"), failed.failure());
    }

    @Test
    void anUnexpectedExceptionFailsWithAFixedMessage() {
        sandbox.behaviour = request -> {
            throw new IllegalStateException("something the program printed");
        };
        queue = LocalSubmissionQueue.builder(sandbox).build();
        String id = queue.submit(ExecutionRequest.of("python", "print(1)"));

        Submission failed = queue.await(id, PATIENCE).orElseThrow();

        assertEquals(LocalSubmissionQueue.UNEXPECTED_FAILURE, failed.failure());
    }

    @Test
    void aBusySandboxIsAskedAgainAndTheSubmissionStillRuns() {
        AtomicInteger refusals = new AtomicInteger();
        sandbox.behaviour = request -> {
            if (refusals.getAndIncrement() < 2) {
                throw new SandboxBusyException("busy", Duration.ofMillis(10));
            }
            return ScriptedSandbox.echo(request);
        };
        queue = LocalSubmissionQueue.builder(sandbox).build();
        String id = queue.submit(ExecutionRequest.of("python", "print(1)"));

        assertEquals(SubmissionState.DONE, queue.await(id, PATIENCE).orElseThrow().state());
        assertEquals(3, refusals.get());
    }

    @Test
    void aFullQueueRefusesWithRetryAfter() throws InterruptedException {
        sandbox.blockEveryExecution();
        queue = LocalSubmissionQueue.builder(sandbox).workers(1).queueCapacity(1).build();
        String running = queue.submit(ExecutionRequest.of("python", "1"));
        assertTrue(sandbox.started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        String waiting = queue.submit(ExecutionRequest.of("python", "2"));
        assertEquals(1, queue.queued());

        SandboxBusyException busy = assertThrows(SandboxBusyException.class,
                () -> queue.submit(ExecutionRequest.of("python", "3")));

        assertEquals(sandbox.limits().timeout(), busy.retryAfter());
        assertEquals(SubmissionState.RUNNING, queue.find(running).orElseThrow().state());
        assertEquals(SubmissionState.QUEUED, queue.find(waiting).orElseThrow().state());
        sandbox.release.countDown();
        assertEquals(SubmissionState.DONE, queue.await(waiting, PATIENCE).orElseThrow().state());
        assertEquals(List.of("1", "2"), sandbox.executed);
    }

    @Test
    void cancelRemovesAQueuedSubmissionWhichNeverRuns() throws InterruptedException {
        sandbox.blockEveryExecution();
        queue = LocalSubmissionQueue.builder(sandbox).workers(1).queueCapacity(1).build();
        String running = queue.submit(ExecutionRequest.of("python", "1"));
        assertTrue(sandbox.started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        String waiting = queue.submit(ExecutionRequest.of("python", "2"));

        assertEquals(CancelOutcome.CANCELLED, queue.cancel(waiting));

        assertEquals(Optional.empty(), queue.find(waiting));
        assertEquals(CancelOutcome.UNKNOWN, queue.cancel(waiting));
        assertEquals(0, queue.queued(), "its place in the queue is free again");
        String next = queue.submit(ExecutionRequest.of("python", "3"));
        assertEquals(CancelOutcome.ALREADY_STARTED, queue.cancel(running));
        sandbox.release.countDown();
        assertEquals(SubmissionState.DONE, queue.await(running, PATIENCE).orElseThrow().state());
        assertEquals(SubmissionState.DONE, queue.await(next, PATIENCE).orElseThrow().state());
        assertEquals(List.of("1", "3"), sandbox.executed);
        assertEquals(CancelOutcome.ALREADY_STARTED, queue.cancel(running), "finished: keeps its result");
        assertEquals(CancelOutcome.UNKNOWN, queue.cancel("no-such-id"));
    }

    @Test
    void aWaiterOfACancelledSubmissionHearsItIsGone() throws Exception {
        sandbox.blockEveryExecution();
        queue = LocalSubmissionQueue.builder(sandbox).workers(1).build();
        queue.submit(ExecutionRequest.of("python", "1"));
        assertTrue(sandbox.started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        String waiting = queue.submit(ExecutionRequest.of("python", "2"));
        CompletableFuture<Optional<Submission>> waiter = CompletableFuture.supplyAsync(
                () -> queue.await(waiting, PATIENCE));

        assertEquals(CancelOutcome.CANCELLED, queue.cancel(waiting));

        assertEquals(Optional.empty(), waiter.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void awaitReturnsTheCurrentStateWhenTimeIsUp() throws InterruptedException {
        sandbox.blockEveryExecution();
        queue = LocalSubmissionQueue.builder(sandbox).workers(1).build();
        String running = queue.submit(ExecutionRequest.of("python", "1"));
        assertTrue(sandbox.started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        String waiting = queue.submit(ExecutionRequest.of("python", "2"));

        assertEquals(Submission.running(running), queue.await(running, Duration.ofMillis(50)).orElseThrow());
        assertEquals(Submission.queued(waiting), queue.await(waiting, Duration.ZERO).orElseThrow());
        assertEquals(Optional.empty(), queue.await("unknown", Duration.ofMillis(50)));
        assertThrows(IllegalArgumentException.class, () -> queue.await(running, Duration.ofSeconds(-1)));
    }

    @Test
    void anInterruptedWaiterGetsExecutionInterruptedException() throws Exception {
        sandbox.blockEveryExecution();
        queue = LocalSubmissionQueue.builder(sandbox).build();
        String id = queue.submit(ExecutionRequest.of("python", "1"));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                queue.await(id, PATIENCE);
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("flag cleared"));
            }
        });
        waiter.start();
        waiter.interrupt();

        assertTrue(outcome.get(PATIENCE.toSeconds(), TimeUnit.SECONDS) instanceof ExecutionInterruptedException);
    }

    @Test
    void finishedSubmissionsExpireAfterTheirTimeToLive() {
        AtomicLong now = new AtomicLong();
        queue = LocalSubmissionQueue.builder(sandbox).resultTimeToLive(Duration.ofMinutes(10)).nanoTime(now::get)
                .build();
        String id = queue.submit(ExecutionRequest.of("python", "1"));
        queue.await(id, PATIENCE).orElseThrow();

        now.addAndGet(Duration.ofMinutes(10).minusNanos(1).toNanos());
        assertTrue(queue.find(id).isPresent(), "still within its time-to-live");
        now.addAndGet(1);
        assertEquals(Optional.empty(), queue.find(id));
        assertEquals(CancelOutcome.UNKNOWN, queue.cancel(id));
    }

    @Test
    void theOldestResultsGoFirstPastTheRetainedCount() {
        queue = LocalSubmissionQueue.builder(sandbox).maxRetainedResults(2).build();
        String first = queue.submit(ExecutionRequest.of("python", "1"));
        queue.await(first, PATIENCE).orElseThrow();
        String second = queue.submit(ExecutionRequest.of("python", "2"));
        queue.await(second, PATIENCE).orElseThrow();
        String third = queue.submit(ExecutionRequest.of("python", "3"));
        queue.await(third, PATIENCE).orElseThrow();

        assertEquals(Optional.empty(), queue.find(first));
        assertTrue(queue.find(second).isPresent());
        assertTrue(queue.find(third).isPresent());
    }

    @Test
    void closeFailsWhatWaitsInterruptsWhatRunsAndRefusesMore() throws InterruptedException {
        sandbox.blockEveryExecution();
        queue = LocalSubmissionQueue.builder(sandbox).workers(1).build();
        String running = queue.submit(ExecutionRequest.of("python", "1"));
        assertTrue(sandbox.started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        String waiting = queue.submit(ExecutionRequest.of("python", "2"));

        queue.close();

        assertEquals(Submission.failed(waiting, LocalSubmissionQueue.CLOSED_FAILURE),
                queue.await(waiting, Duration.ZERO).orElseThrow());
        assertEquals(Submission.failed(running, LocalSubmissionQueue.CLOSED_FAILURE),
                queue.await(running, PATIENCE).orElseThrow());
        assertTrue(sandbox.interrupted.get(), "the running execution was interrupted");
        assertThrows(SandboxClosedException.class, () -> queue.submit(ExecutionRequest.of("python", "3")));
        assertEquals(List.of("1"), sandbox.executed);
        queue.close(); // idempotent
    }

    @Test
    void theBuilderRefusesBadValuesNamingThem() {
        LocalSubmissionQueue.Builder builder = LocalSubmissionQueue.builder(sandbox);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.workers(0)).getMessage()
                .contains("workers must be between 1 and 1024, was 0"));
        assertThrows(IllegalArgumentException.class, () -> builder.queueCapacity(0));
        assertThrows(IllegalArgumentException.class, () -> builder.resultTimeToLive(Duration.ofMillis(999)));
        assertThrows(IllegalArgumentException.class, () -> builder.resultTimeToLive(Duration.ofDays(8)));
        assertThrows(IllegalArgumentException.class, () -> builder.maxRetainedResults(0));
        assertThrows(NullPointerException.class, () -> LocalSubmissionQueue.builder(null));
    }

    @Test
    void wellFormedIdsAreShortAndPlain() {
        assertTrue(SubmissionQueue.isWellFormedId("0b7c6a3e-2f9d-4c1e-8d1a-6f0e9b1c2d3e"));
        assertTrue(SubmissionQueue.isWellFormedId("A_z-09"));
        assertTrue(SubmissionQueue.isWellFormedId("x".repeat(64)));
        assertFalse(SubmissionQueue.isWellFormedId(""));
        assertFalse(SubmissionQueue.isWellFormedId("x".repeat(65)));
        for (String bad : List.of("a:b", "a b", "a/b", "a*", "é", "a\nb", "..")) {
            assertFalse(SubmissionQueue.isWellFormedId(bad), bad);
        }
    }

    @Test
    void eachSubmissionRunsOnceWhenCancelsRaceTheWorkers() throws Exception {
        queue = LocalSubmissionQueue.builder(sandbox).workers(2).build();
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(queue.submit(ExecutionRequest.of("python", Integer.toString(i))));
        }
        int cancelled = 0;
        for (String id : ids) {
            if (queue.cancel(id) == CancelOutcome.CANCELLED) {
                cancelled++;
            }
        }
        int done = 0;
        for (String id : ids) {
            Optional<Submission> end = queue.await(id, PATIENCE);
            if (end.isPresent()) {
                assertEquals(SubmissionState.DONE, end.get().state());
                done++;
            }
        }
        assertEquals(50, cancelled + done);
        assertEquals(done, sandbox.executed.size());
        assertEquals(done, new HashSet<>(sandbox.executed).size(), "no submission ran twice");
    }

    /** A {@link CodeSandbox} of one language ({@code python}, alias {@code py}) that echoes the code as stdout. */
    private static final class ScriptedSandbox implements CodeSandbox {
        volatile Function<ExecutionRequest, ExecutionResult> behaviour = ScriptedSandbox::echo;
        volatile Limits limits = Limits.defaults();
        final List<String> executed = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public ExecutionResult execute(ExecutionRequest request) {
            executed.add(request.code());
            return behaviour.apply(request);
        }

        /** Every execution waits for {@link #release}, or for an interrupt (as DockerSandbox stops on one). */
        void blockEveryExecution() {
            behaviour = request -> {
                started.countDown();
                try {
                    assertTrue(release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "never released");
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    Thread.currentThread().interrupt();
                    throw new ExecutionInterruptedException("interrupted", e);
                }
                return echo(request);
            };
        }

        static ExecutionResult echo(ExecutionRequest request) {
            return ExecutionResult.builder(ExecutionStatus.SUCCESS).stdout(request.code()).build();
        }

        @Override
        public Limits limits() {
            return limits;
        }

        @Override
        public List<LanguageInfo> languages() {
            return List.of(new LanguageInfo("python", "Python", "3", List.of("py"), "py", false, "jsandbox/python:2",
                    true));
        }

        @Override
        public SandboxHealth health() {
            throw new UnsupportedOperationException("not needed by the queue");
        }

        @Override
        public void close() {
        }
    }
}
