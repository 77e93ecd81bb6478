package dev.jsandbox.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.CancelOutcome;
import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.LimitOverrides;
import dev.jsandbox.api.SandboxBusyException;
import dev.jsandbox.api.SandboxHealth;
import dev.jsandbox.api.Submission;
import dev.jsandbox.api.SubmissionState;
import dev.jsandbox.api.UnknownLanguageException;
import dev.jsandbox.testkit.Poll;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The broker's semantics against a real redis-server, with a {@link ScriptedSandbox} behind the worker: queueing,
 * cancelling, long-polling, failures and back-pressure. The same paths over real DockerSandboxes in worker JVMs are
 * RedisBrokerIT's.
 */
class RedisSandboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestRedis redis;
    private String prefix;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void prefix(TestInfo test) {
        prefix = "t-" + test.getTestMethod().orElseThrow().getName();
    }

    private RedisSandbox sandbox() {
        return RedisSandbox.builder(redis.uri()).keyPrefix(prefix).build();
    }

    private RedisWorker worker(ScriptedSandbox sandbox) {
        return RedisWorker.builder(redis.uri(), sandbox).keyPrefix(prefix).heartbeatInterval(Duration.ofMillis(200))
                .claimIdleTime(Duration.ofSeconds(2)).maxAttempts(2).concurrency(2).start();
    }

    @Test
    void aSubmissionRunsOnceAndItsResultIsStoredOnce() {
        ScriptedSandbox local = new ScriptedSandbox();
        try (RedisSandbox sandbox = sandbox(); RedisWorker worker = worker(local)) {
            String id = sandbox.submit(ExecutionRequest.of("echo", "x", "hello"));
            Submission done = sandbox.await(id, WAIT).orElseThrow();
            assertEquals(SubmissionState.DONE, done.state());
            assertEquals("hello", done.result().stdout());
            assertEquals(1, local.executions.get("hello").get());
            assertEquals("1", hash(id, "results"));
            assertEquals("1", hash(id, "attempts"));
            assertEquals(0, sandbox.queueDepth(), "acknowledged entries are deleted");
            assertEquals("hello", sandbox.execute(ExecutionRequest.of("echo", "x", "hello")).stdout());
        }
    }

    @Test
    void requestsAreCheckedAgainstWhatTheWorkersPublished() {
        try (RedisSandbox sandbox = sandbox(); RedisWorker worker = worker(new ScriptedSandbox())) {
            assertThrows(UnknownLanguageException.class, () -> sandbox.submit(ExecutionRequest.of("cobol", "x")));
            assertThrows(InvalidRequestException.class, () -> sandbox.submit(ExecutionRequest.of("echo", "x".repeat(1001))));
            assertThrows(InvalidRequestException.class, () -> sandbox.submit(ExecutionRequest.builder("echo", "x")
                    .limitOverrides(LimitOverrides.timeout(Duration.ofMinutes(1))).build()));
            assertEquals(0, sandbox.queueDepth(), "nothing was queued");
            assertEquals(1000, sandbox.limits().maxCodeBytes());
            assertEquals(5, sandbox.languages().size());
        }
    }

    @Test
    void unknownIdsAreUnknownEverywhere() {
        try (RedisSandbox sandbox = sandbox()) {
            String unknown = "0123456789abcdef0123456789abcdef";
            assertTrue(sandbox.find(unknown).isEmpty());
            assertTrue(sandbox.await(unknown, Duration.ofSeconds(1)).isEmpty());
            assertEquals(CancelOutcome.UNKNOWN, sandbox.cancel(unknown));
            assertTrue(sandbox.find("../../etc").isEmpty());
            assertEquals(CancelOutcome.UNKNOWN, sandbox.cancel("*"));
        }
    }

    @Test
    void aCancelledSubmissionNeverRuns() {
        ScriptedSandbox local = new ScriptedSandbox();
        try (RedisSandbox sandbox = sandbox()) {
            String cancelled = sandbox.submit(ExecutionRequest.of("echo", "x", "cancelled"));
            String kept = sandbox.submit(ExecutionRequest.of("echo", "x", "kept"));
            assertEquals(SubmissionState.QUEUED, sandbox.find(cancelled).orElseThrow().state());
            assertEquals(CancelOutcome.CANCELLED, sandbox.cancel(cancelled));
            assertTrue(sandbox.find(cancelled).isEmpty());
            assertEquals(CancelOutcome.UNKNOWN, sandbox.cancel(cancelled));
            assertEquals(1, sandbox.queueDepth());
            try (RedisWorker worker = worker(local)) {
                assertEquals(SubmissionState.DONE, sandbox.await(kept, WAIT).orElseThrow().state());
                assertEquals(CancelOutcome.ALREADY_STARTED, sandbox.cancel(kept));
            }
            assertFalse(local.executions.containsKey("cancelled"));
            assertTrue(sandbox.find(cancelled).isEmpty());
        }
    }

    @Test
    void awaitLongPollsUntilDoneOrUntilMaxWait() throws Exception {
        ScriptedSandbox local = new ScriptedSandbox();
        try (RedisSandbox sandbox = sandbox(); RedisWorker worker = worker(local)) {
            String id = sandbox.submit(ExecutionRequest.of("hold", "x", "held"));
            Poll.until("the worker took it", WAIT,
                    () -> sandbox.find(id).orElseThrow().state() == SubmissionState.RUNNING);
            assertEquals(CancelOutcome.ALREADY_STARTED, sandbox.cancel(id));
            long start = System.nanoTime();
            assertEquals(SubmissionState.RUNNING, sandbox.await(id, Duration.ofMillis(1500)).orElseThrow().state());
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(1500).toNanos(), "returned before maxWait");
            assertEquals(SubmissionState.RUNNING, sandbox.await(id, Duration.ZERO).orElseThrow().state());
            AtomicInteger waiting = new AtomicInteger();
            Thread releaser = new Thread(() -> {
                try {
                    Poll.until("the test waits", WAIT, () -> waiting.get() == 1);
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                local.release();
            });
            releaser.start();
            waiting.set(1);
            Submission done = sandbox.await(id, WAIT).orElseThrow();
            assertEquals(SubmissionState.DONE, done.state());
            releaser.join();
        }
    }

    @Test
    void failuresOfTheWorkersSandboxBecomeFailedSubmissions() {
        ScriptedSandbox local = new ScriptedSandbox();
        try (RedisSandbox sandbox = sandbox(); RedisWorker worker = worker(local)) {
            InvalidRequestException invalid = assertThrows(InvalidRequestException.class,
                    () -> sandbox.execute(ExecutionRequest.of("invalid", "x")));
            assertTrue(invalid.getMessage().contains("more than the limit"), invalid.getMessage());

            String image = sandbox.submit(ExecutionRequest.of("image", "x"));
            Submission failed = sandbox.await(image, WAIT).orElseThrow();
            assertEquals(SubmissionState.FAILED, failed.state());
            assertTrue(failed.failure().contains("build it with: docker/build-images.sh"), failed.failure());

            // Engine unavailable: put back and tried again (maxAttempts 2), then failed with the engine's message.
            String engine = sandbox.submit(ExecutionRequest.of("engine", "x", "engine"));
            Submission gaveUp = sandbox.await(engine, WAIT).orElseThrow();
            assertEquals(SubmissionState.FAILED, gaveUp.state());
            assertTrue(gaveUp.failure().contains("the engine does not answer"), gaveUp.failure());
            assertEquals(2, local.executions.get("engine").get());
        }
    }

    @Test
    void aFullQueueAnswersBusyAndNoWorkerIsReported() throws Exception {
        try (RedisSandbox sandbox = RedisSandbox.builder(redis.uri()).keyPrefix(prefix).maxQueueLength(2).build()) {
            SandboxHealth health = sandbox.health();
            assertEquals(SandboxHealth.Status.DOWN, health.status());
            assertTrue(health.problems().get(0).contains("no worker is alive"), health.problems().toString());
            assertThrows(EngineUnavailableException.class, () -> sandbox.execute(ExecutionRequest.of("echo", "x")));
            sandbox.submit(ExecutionRequest.of("echo", "x"));
            sandbox.submit(ExecutionRequest.of("echo", "x"));
            SandboxBusyException busy = assertThrows(SandboxBusyException.class,
                    () -> sandbox.submit(ExecutionRequest.of("echo", "x")));
            assertTrue(busy.getMessage().contains("holds 2 jobs"), busy.getMessage());
            assertEquals(2, sandbox.queueDepth());
            assertEquals(2, sandbox.health().queuedExecutions());
            try (RedisWorker worker = worker(new ScriptedSandbox())) {
                Poll.until("the queue drained", WAIT, () -> sandbox.queueDepth() == 0);
                assertEquals(SandboxHealth.Status.UP, sandbox.health().status());
            }
        }
    }

    @Test
    void anUnreachableBrokerIsAnEngineUnavailableException() {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> RedisSandbox.builder("redis://:secret-password@127.0.0.1:1").build());
        assertFalse(e.getMessage().contains("secret-password"), e.getMessage());
        assertTrue(e.getMessage().contains("redis://127.0.0.1:1"), e.getMessage());
    }

    private String hash(String id, String field) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().hget(prefix + ":submission:" + id, field);
        } finally {
            client.shutdown();
        }
    }
}
