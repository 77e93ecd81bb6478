package dev.jsandbox.redis;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.ImageMissingException;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SandboxHealth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sandbox for the broker's own tests, which are about queueing, not containers (RedisBrokerIT runs real
 * DockerSandboxes): language {@code echo} prints its stdin; {@code hold} waits until {@link #release()}; {@code
 * invalid}, {@code image} and {@code engine} throw what a DockerSandbox throws for a bad request, a missing image and
 * an unreachable engine. Counts the executions per stdin.
 */
final class ScriptedSandbox implements CodeSandbox {

    final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final CountDownLatch held = new CountDownLatch(1);

    void release() {
        held.countDown();
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        executions.computeIfAbsent(request.stdin(), key -> new AtomicInteger()).incrementAndGet();
        switch (request.language()) {
            case "hold" -> {
                try {
                    if (!held.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case "invalid" -> throw new InvalidRequestException("code is 99 bytes, more than the limit of 10 bytes");
            case "image" -> throw new ImageMissingException("jsandbox/x:2", "docker/build-images.sh", "is missing");
            case "engine" -> throw new EngineUnavailableException("the engine does not answer", null);
            default -> {
            }
        }
        return ExecutionResult.builder(ExecutionStatus.SUCCESS).stdout(request.stdin()).wallTime(Duration.ofMillis(1))
                .build();
    }

    @Override
    public Limits limits() {
        return Limits.builder().maxCodeBytes(1000).build();
    }

    @Override
    public List<LanguageInfo> languages() {
        return List.of("echo", "engine", "hold", "image", "invalid").stream()
                .map(id -> new LanguageInfo(id, id, "1", List.of(), id, false, "test/" + id, true)).toList();
    }

    @Override
    public SandboxHealth health() {
        return new SandboxHealth(SandboxHealth.Status.UP, "scripted", Map.of(), 0, 2, List.of());
    }

    @Override
    public void close() {
    }
}
