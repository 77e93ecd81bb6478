package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.SandboxBusyException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExecutionSlotsTest {

    private static final Duration RETRY = Duration.ofSeconds(5);

    @Test
    void refusesAtOnceWhenSlotsAndQueueAreFull() throws Exception {
        ExecutionSlots slots = new ExecutionSlots(1, 1, RETRY);
        slots.acquire();
        Thread waiter = startWaiter(slots, new AtomicReference<>());
        awaitQueued(slots, 1);

        SandboxBusyException busy = assertThrows(SandboxBusyException.class, slots::acquire);
        assertEquals(RETRY, busy.retryAfter());
        assertEquals(1, slots.queued(), "the refused caller did not stay in the queue");

        slots.release();
        waiter.join(5000);
        assertEquals(1, slots.running(), "the waiter took the freed slot");
        assertEquals(0, slots.queued());
    }

    @Test
    void aQueueOfZeroRefusesEveryCallThatFindsNoFreeSlot() {
        ExecutionSlots slots = new ExecutionSlots(1, 0, RETRY);
        slots.acquire();
        assertThrows(SandboxBusyException.class, slots::acquire);
        slots.release();
        slots.acquire();
        assertEquals(1, slots.running());
    }

    @Test
    void anInterruptedWaiterLeavesTheQueue() throws Exception {
        ExecutionSlots slots = new ExecutionSlots(1, 4, RETRY);
        slots.acquire();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = startWaiter(slots, failure);
        awaitQueued(slots, 1);
        waiter.interrupt();
        waiter.join(5000);
        assertTrue(failure.get() instanceof ExecutionInterruptedException, String.valueOf(failure.get()));
        assertEquals(0, slots.queued());
        assertEquals(1, slots.running());
    }

    private static Thread startWaiter(ExecutionSlots slots, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(() -> {
            try {
                slots.acquire();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void awaitQueued(ExecutionSlots slots, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (slots.queued() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, slots.queued());
    }
}
