package dev.jsandbox.http;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SandboxHealth;
import dev.jsandbox.api.UnknownLanguageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A {@link CodeSandbox} without Docker for tests of the adapter: knows the language {@code fake}, echoes the code
 * to stdout, and can be told to fail or to block until released.
 */
public final class FakeSandbox implements CodeSandbox {

    volatile Function<ExecutionRequest, ExecutionResult> behaviour = FakeSandbox::echo;
    volatile SandboxHealth health = new SandboxHealth(SandboxHealth.Status.UP, "Fake 1.0",
            Map.of("fake/image:1", true), 0, 2, List.of());
    final List<ExecutionRequest> received = new CopyOnWriteArrayList<>();
    final List<ExecutionRequest> interrupted = new CopyOnWriteArrayList<>();
    final CountDownLatch started = new CountDownLatch(1);
    /** Opens when an execution's thread was interrupted. */
    final CountDownLatch interruption = new CountDownLatch(1);

    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        received.add(request);
        if (!request.language().equalsIgnoreCase("fake")) {
            throw new UnknownLanguageException(request.language(), List.of("fake"));
        }
        return behaviour.apply(request);
    }

    @Override
    public Limits limits() {
        return Limits.defaults();
    }

    @Override
    public List<LanguageInfo> languages() {
        return List.of(new LanguageInfo("fake", "Fake", "1.0", List.of("f"), "fk", false, "fake/image:1", true));
    }

    @Override
    public SandboxHealth health() {
        return health;
    }

    @Override
    public void close() {
    }

    /** Makes every execution wait until {@code release} opens (or its thread is interrupted). */
    void blockUntil(CountDownLatch release) {
        behaviour = request -> {
            started.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("the test never released the execution");
                }
            } catch (InterruptedException e) {
                interrupted.add(request);
                interruption.countDown();
                Thread.currentThread().interrupt();
                throw new ExecutionInterruptedException("interrupted", e);
            }
            return echo(request);
        };
    }

    static ExecutionResult echo(ExecutionRequest request) {
        return ExecutionResult.builder(ExecutionStatus.SUCCESS).stdout(request.code()).stderr(request.stdin())
                .wallTime(Duration.ofMillis(12)).cpuTime(Duration.ofMillis(3)).peakMemoryBytes(4L << 20).build();
    }
}
