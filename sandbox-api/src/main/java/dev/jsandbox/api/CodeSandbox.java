package dev.jsandbox.api;

import java.util.List;

/**
 * Runs untrusted source code in isolation and reports what it did.
 *
 * <p>Implementations are thread-safe: many threads may call {@link #execute} at once. A sandbox holds resources
 * (engine connections, containers, threads) until {@link #close()}; use it with try-with-resources:
 *
 * <pre>{@code
 * try (CodeSandbox sandbox = DockerSandbox.builder().build()) {
 *     ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", "print(input()[::-1])", "hello"));
 *     System.out.print(result.stdout()); // olleh
 * }
 * }</pre>
 */
public interface CodeSandbox extends AutoCloseable {

    /**
     * Executes one program and waits for its result.
     *
     * <p>A program that fails to compile, exits non-zero, is killed by a signal, times out, exceeds its memory or
     * floods its output yields a result with the matching {@link ExecutionStatus}; it never throws.
     *
     * @return the result, never null
     * @throws InvalidRequestException if the request breaks a limit (code too large, limits above the configured
     *     ones, ...); no container is created
     * @throws UnknownLanguageException if no runtime has the request's language as id or alias
     * @throws ImageMissingException if the language's image is not built; the message gives the command
     * @throws EngineUnavailableException if the container engine cannot be reached, does not answer in time, or
     *     lost the container before the program started (nothing of it ran; the request may be retried)
     * @throws ExecutionInterruptedException if the calling thread was interrupted; the container is removed
     * @throws SandboxBusyException if every execution slot is taken and the sandbox queues no more callers; retry
     *     after {@link SandboxBusyException#retryAfter()}
     * @throws SandboxClosedException if the sandbox was closed
     */
    ExecutionResult execute(ExecutionRequest request);

    /** The limits every execution runs under; a request may lower them through {@link LimitOverrides}. */
    Limits limits();

    /** Every language this sandbox knows, ordered by id; never null. */
    List<LanguageInfo> languages();

    /** Reports whether the sandbox can execute code right now; never throws for an unreachable engine. */
    SandboxHealth health();

    /**
     * Stops accepting work and releases everything: running executions are ended and every container this
     * instance started is removed. Idempotent.
     */
    @Override
    void close();
}
