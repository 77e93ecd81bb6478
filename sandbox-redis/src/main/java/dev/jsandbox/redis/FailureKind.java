package dev.jsandbox.redis;

/**
 * Why a submission FAILED, kept beside its failure text so that {@link RedisSandbox#execute} throws what a local
 * sandbox would have thrown.
 */
enum FailureKind {
    /** The request itself: it breaks the worker's limits or names a language the worker lacks. */
    REQUEST,
    /** The infrastructure: an image missing, an engine that stayed unavailable, a job that ended its workers. */
    INFRASTRUCTURE
}
