package dev.jsandbox.benchmark;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.SandboxListener;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.spi.LanguageRuntime;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Our path: {@code CodeSandbox.execute}, with or without pre-started containers. */
final class SandboxPath implements ExecutionPath {

    private final String name;
    private final DockerSandbox sandbox;
    private final AtomicLong poolHits = new AtomicLong();

    SandboxPath(String name, PoolSettings pool) {
        this(name, pool, null);
    }

    /** @param ociRuntime the OCI runtime the containers run under (e.g. runsc for gVisor), null for the engine's */
    SandboxPath(String name, PoolSettings pool, @Nullable String ociRuntime) {
        this.name = name;
        SandboxListener hits = new SandboxListener() {
            @Override
            public void containerAcquired(ContainerAcquired event) {
                if (event.poolHit()) {
                    poolHits.incrementAndGet();
                }
            }
        };
        DockerSandbox.Builder builder = DockerSandbox.builder().pool(pool).maxConcurrentExecutions(16).listener(hits);
        if (ociRuntime != null) {
            builder.ociRuntime(ociRuntime);
        }
        this.sandbox = builder.build();
    }

    /** Executions so far that found a pre-started container. */
    long poolHits() {
        return poolHits.get();
    }

    /** The sandbox behind this path. */
    DockerSandbox sandbox() {
        return sandbox;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean supports(LanguageRuntime runtime) {
        return sandbox.languages().stream().anyMatch(l -> l.id().equals(runtime.id()) && l.available());
    }

    @Override
    public void execute(LanguageRuntime runtime, String code) {
        run(runtime, code);
    }

    /** Executes the code once and returns its (successful) result. */
    ExecutionResult run(LanguageRuntime runtime, String code) {
        ExecutionResult result = sandbox.execute(ExecutionRequest.of(runtime.id(), code));
        if (!result.isSuccess()) {
            throw new IllegalStateException(runtime.id() + " failed on " + name + ": " + result.status() + " "
                    + result.stderr() + result.compileOutput());
        }
        return result;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
