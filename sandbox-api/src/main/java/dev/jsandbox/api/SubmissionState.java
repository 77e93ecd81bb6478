package dev.jsandbox.api;

/** Where a submission is in its life; see {@link SubmissionQueue}. */
public enum SubmissionState {
    /** Accepted and waiting for a worker; it can still be cancelled. */
    QUEUED,
    /** A worker took it and is executing it (or did, and died: another worker will take it over). */
    RUNNING,
    /** Executed: {@link Submission#result()} holds the result, whatever the program did. */
    DONE,
    /** Could not be executed (a fault of the infrastructure or of the request); {@link Submission#failure()} says why. */
    FAILED
}
