package dev.jsandbox.api;

import java.time.Duration;
import java.util.Optional;

/**
 * Accepts executions to run later, possibly elsewhere, and keeps their results for a while: the asynchronous
 * counterpart of {@link CodeSandbox#execute(ExecutionRequest)}.
 *
 * <p>Each submission gets an unguessable id, runs at most once to a stored result (a job whose worker died is taken
 * over by another, and its result is still stored once) and can be cancelled until a worker takes it. Results are
 * kept for a time-to-live the implementation documents; after it the id is {@link CancelOutcome#UNKNOWN unknown}.
 *
 * <pre>{@code
 * String id = queue.submit(ExecutionRequest.of("python", "print(6 * 7)"));
 * Submission done = queue.await(id, Duration.ofSeconds(30)).orElseThrow();
 * }</pre>
 *
 * <p>Implementations are thread-safe and hold resources until {@link #close()}.
 */
public interface SubmissionQueue extends AutoCloseable {

    /**
     * Accepts one execution; returns at once with its id.
     *
     * @return the new submission's id, never null: 1 to {@value #MAX_ID_LENGTH} characters of {@code A-Z a-z 0-9 _ -}
     *     (see {@link #isWellFormedId}), so that it is safe in a URL path, a log line and a storage key
     * @throws InvalidRequestException if the request breaks a limit; nothing is queued
     * @throws UnknownLanguageException if no runtime has the request's language
     * @throws SandboxBusyException if the queue is full; retry after {@link SandboxBusyException#retryAfter()}
     * @throws EngineUnavailableException if the queue's store (e.g. the broker) cannot be reached; nothing is queued
     * @throws SandboxClosedException if the queue was closed
     */
    String submit(ExecutionRequest request);

    /**
     * The submission's current state.
     *
     * @return the submission, or empty if no submission has this id (never submitted, cancelled, expired, or not
     *     {@linkplain #isWellFormedId well-formed})
     * @throws EngineUnavailableException if the queue's store cannot be reached
     */
    Optional<Submission> find(String id);

    /**
     * Waits until the submission {@link Submission#finished() finishes} or {@code maxWait} passes, whichever is
     * first, and returns its state then.
     *
     * @param maxWait how long to wait at most; zero to answer at once
     * @return the submission (finished, or as it is when {@code maxWait} passed), or empty if the id is unknown
     * @throws ExecutionInterruptedException if the calling thread was interrupted while waiting
     * @throws EngineUnavailableException if the queue's store cannot be reached
     */
    Optional<Submission> await(String id, Duration maxWait);

    /**
     * Cancels the submission if no worker has taken it yet.
     *
     * @return what happened, never null
     * @throws EngineUnavailableException if the queue's store cannot be reached
     */
    CancelOutcome cancel(String id);

    /**
     * Stops accepting submissions and releases the queue's resources. Idempotent. A queue backed by a durable store
     * (a broker) loses nothing this way: what was queued stays there for other workers or a restart. A queue in
     * memory cannot keep it; it documents what becomes of it (see {@link LocalSubmissionQueue#close()}).
     */
    @Override
    void close();

    /** The longest id {@link #submit} returns. */
    int MAX_ID_LENGTH = 64;

    /**
     * Whether {@code id} has the form of an id {@link #submit} returns (1 to {@value #MAX_ID_LENGTH} characters of
     * {@code A-Z a-z 0-9 _ -}). An adapter checks ids it receives with this before it passes them on; the queue's
     * methods answer unknown for any other string, and never use it as a key unchecked.
     */
    static boolean isWellFormedId(String id) {
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
