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

    /**
     * Executes one program like {@link #execute(ExecutionRequest)} and gives its output to {@code listener} as it
     * arrives; returns the complete result after the listener was given everything.
     *
     * <p>This default executes first and then hands over the whole output at once (compile output, stdout, stderr,
     * each in one chunk when not empty), so every sandbox supports it; a sandbox that can stream overrides it. A
     * listener that throws is called no more and does not change the result.
     *
     * @param listener receives the output, see {@link OutputListener}
     * @return the result, never null; its output is everything the listener received
     * @throws InvalidRequestException and every other exception of {@link #execute(ExecutionRequest)}, for the same
     *     reasons
     */
    default ExecutionResult execute(ExecutionRequest request, OutputListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        ExecutionResult result = execute(request);
        try {
            if (!result.compileOutput().isEmpty()) {
                listener.onCompileOutput(result.compileOutput());
            }
            if (!result.stdout().isEmpty()) {
                listener.onStdout(result.stdout());
            }
            if (!result.stderr().isEmpty()) {
                listener.onStderr(result.stderr());
            }
        } catch (RuntimeException listenerFailed) {
            // The listener's trouble is its own: the result is complete and stays the caller's answer.
        }
        return result;
    }

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
