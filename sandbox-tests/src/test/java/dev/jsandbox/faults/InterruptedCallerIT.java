package dev.jsandbox.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.security.EngineWitness;
import dev.jsandbox.testkit.Poll;
import dev.jsandbox.testkit.RequiresDocker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The caller's thread is interrupted while it waits: it gets control back at once and nothing is left behind. */
@RequiresDocker
class InterruptedCallerIT {

    private static final String SLEEP = "import time\nprint('sleeping', flush=True)\ntime.sleep(100)\n";
    private static EngineWitness witness;

    @BeforeAll
    static void connect() {
        witness = EngineWitness.connect();
    }

    @AfterAll
    static void disconnect() {
        witness.close();
    }

    @Test
    void interruptedMidRunReturnsPromptlyWithExecutionInterruptedExceptionAndRemovesTheContainer(DockerSandbox sandbox)
            throws Exception {
        Instant since = Instant.now();
        Outcome outcome = new Outcome();
        Thread caller = new Thread(() -> outcome.run(() -> sandbox.execute(ExecutionRequest.of("python", SLEEP))),
                "interrupted-caller");
        caller.start();
        String containerId = witness.awaitAttach(sandbox.instanceId(), since, Duration.ofSeconds(20));
        witness.awaitProcess(containerId, "main.py", Duration.ofSeconds(20));

        long interrupted = System.nanoTime();
        caller.interrupt();
        Throwable thrown = outcome.failure.get(10, TimeUnit.SECONDS);
        Duration returnedAfter = Duration.ofNanos(System.nanoTime() - interrupted);
        System.out.printf("interrupted mid-run: returned after %d ms with %s%n", returnedAfter.toMillis(), thrown);

        assertInstanceOf(ExecutionInterruptedException.class, thrown);
        assertTrue(returnedAfter.compareTo(Duration.ofSeconds(2)) < 0, "returned after " + returnedAfter);
        assertTrue(outcome.interruptFlagRestored.get(), "the interrupt flag is set again");
        // Removed on the caller's thread before it returned, not in the background.
        assertEquals(List.of(), witness.containers("dev.jsandbox.instance=" + sandbox.instanceId()).stream()
                .filter(c -> c.getId().equals(containerId)).toList(), "the interrupted run's container still exists");

        ExecutionResult next = sandbox.execute(ExecutionRequest.of("python", "print('next')"));
        assertEquals(ExecutionStatus.SUCCESS, next.status());
    }

    @Test
    void interruptedWhileWaitingForASlotReturnsPromptlyWithExecutionInterruptedException() throws Exception {
        try (DockerSandbox single = DockerSandbox.builder().maxConcurrentExecutions(1).pool(PoolSettings.disabled())
                .build()) {
            Instant since = Instant.now();
            CompletableFuture<ExecutionResult> holder = CompletableFuture.supplyAsync(() -> single.execute(
                    ExecutionRequest.of("python", "import time\ntime.sleep(3)\nprint('held the slot')\n")));
            witness.awaitAttach(single.instanceId(), since, Duration.ofSeconds(20));

            Outcome waiting = new Outcome();
            Thread caller = new Thread(() -> waiting.run(() -> single.execute(ExecutionRequest.of("python", "print(1)"))),
                    "waiting-caller");
            caller.start();
            Poll.until("the second caller waits for the only slot", Duration.ofSeconds(10),
                    () -> caller.getState() == Thread.State.WAITING || caller.getState() == Thread.State.TIMED_WAITING);
            assertEquals(1, single.health().activeExecutions());
            long interrupted = System.nanoTime();
            caller.interrupt();
            Throwable thrown = waiting.failure.get(10, TimeUnit.SECONDS);
            Duration returnedAfter = Duration.ofNanos(System.nanoTime() - interrupted);

            assertInstanceOf(ExecutionInterruptedException.class, thrown);
            assertTrue(thrown.getMessage().contains("slot"), thrown.getMessage());
            assertTrue(returnedAfter.compareTo(Duration.ofMillis(500)) < 0, "returned after " + returnedAfter);
            assertTrue(waiting.interruptFlagRestored.get(), "the interrupt flag is set again");
            assertEquals("held the slot\n", holder.get(30, TimeUnit.SECONDS).stdout(), "the running execution is unaffected");
        }
    }

    /** What happened on a caller thread. */
    private static final class Outcome {
        final CompletableFuture<Throwable> failure = new CompletableFuture<>();
        final AtomicBoolean interruptFlagRestored = new AtomicBoolean();

        void run(Runnable call) {
            try {
                call.run();
                failure.completeExceptionally(new AssertionError("the call returned a result instead of throwing"));
            } catch (Throwable t) {
                interruptFlagRestored.set(Thread.currentThread().isInterrupted());
                failure.complete(t);
            }
        }
    }
}
