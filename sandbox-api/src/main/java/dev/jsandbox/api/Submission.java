package dev.jsandbox.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SubmissionQueue} knows of one submission at the moment it was asked.
 *
 * @param id the submission's id, as {@link SubmissionQueue#submit} returned it
 * @param state where the submission is
 * @param result the execution's result; present exactly when {@code state} is {@link SubmissionState#DONE}
 * @param failure why it could not be executed (no program output in it); present exactly when {@code state} is
 *     {@link SubmissionState#FAILED}
 */
public record Submission(
        String id, SubmissionState state, @Nullable ExecutionResult result, @Nullable String failure) {

    /** Requires the id and state, and a result or failure exactly when the state says so. */
    public Submission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        if ((state == SubmissionState.DONE) != (result != null)) {
            throw new IllegalArgumentException("a submission has a result exactly when it is DONE, was " + state);
        }
        if ((state == SubmissionState.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("a submission has a failure exactly when it is FAILED, was " + state);
        }
    }

    /** A submission waiting for a worker. */
    public static Submission queued(String id) {
        return new Submission(id, SubmissionState.QUEUED, null, null);
    }

    /** A submission a worker is executing. */
    public static Submission running(String id) {
        return new Submission(id, SubmissionState.RUNNING, null, null);
    }

    /** A submission that was executed. */
    public static Submission done(String id, ExecutionResult result) {
        return new Submission(id, SubmissionState.DONE, Objects.requireNonNull(result, "result"), null);
    }

    /** A submission that could not be executed, and why. */
    public static Submission failed(String id, String failure) {
        return new Submission(id, SubmissionState.FAILED, null, Objects.requireNonNull(failure, "failure"));
    }

    /** Whether the submission reached an end ({@link SubmissionState#DONE} or {@link SubmissionState#FAILED}). */
    public boolean finished() {
        return state == SubmissionState.DONE || state == SubmissionState.FAILED;
    }
}
