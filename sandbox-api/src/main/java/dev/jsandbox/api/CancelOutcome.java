package dev.jsandbox.api;

/** What {@link SubmissionQueue#cancel(String)} did. */
public enum CancelOutcome {
    /** The submission had not started: it is removed and will never run. */
    CANCELLED,
    /** A worker already took it (or it finished): it runs to its end and keeps its result. */
    ALREADY_STARTED,
    /** No submission has this id (never submitted, cancelled, or its result expired). */
    UNKNOWN
}
