package dev.jsandbox.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void returnsAsSoonAsTheConditionHolds() throws InterruptedException {
        AtomicInteger asked = new AtomicInteger();
        Poll.until("the third answer", Duration.ofSeconds(10), () -> asked.incrementAndGet() == 3);
        assertEquals(3, asked.get());
    }

    @Test
    void failsWithWhatWasAwaitedAfterTheTimeout() {
        long started = System.nanoTime();
        AssertionError e = assertThrows(AssertionError.class,
                () -> Poll.until("pigs fly", Duration.ofMillis(200), () -> false));
        assertEquals("timed out after PT0.2S waiting until pigs fly", e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(200)) >= 0);
    }

    @Test
    void returnsTheLastAnswerWhetherAcceptedOrNot() throws InterruptedException {
        AtomicInteger counter = new AtomicInteger();
        assertEquals(5, Poll.until(Duration.ofSeconds(10), counter::incrementAndGet, n -> n >= 5));
        assertEquals(-1, Poll.until(Duration.ofMillis(100), () -> -1, n -> n > 0));
    }

    @Test
    void waitsForAnotherThread() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Thread worker = new Thread(done::countDown, "poll-test-worker");
        worker.start();
        Poll.until("the worker counted down", Duration.ofSeconds(10), () -> done.getCount() == 0);
        worker.join();
    }

    @Test
    void holdsForFailsTheFirstTimeTheConditionIsFalse() throws InterruptedException {
        Poll.holdsFor("it is true", Duration.ofMillis(100), () -> true);
        AtomicInteger asked = new AtomicInteger();
        AssertionError e = assertThrows(AssertionError.class,
                () -> Poll.holdsFor("at most 2 answers", Duration.ofSeconds(10), () -> asked.incrementAndGet() <= 2));
        assertEquals("it stopped being true that at most 2 answers", e.getMessage());
        assertEquals(3, asked.get());
    }
}
