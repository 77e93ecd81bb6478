package dev.jsandbox.http;

import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.ImageMissingException;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.SandboxClosedException;
import dev.jsandbox.api.UnknownLanguageException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception from the sandbox or the adapter into the problem response a client sees. Messages written
 * for clients (invalid requests) are passed on; messages written for operators (how to start the engine) go to the
 * log, and unexpected failures reach the client only as an error id that can be found in the log.
 */
final class FailureMapping {

    private static final Logger LOG = LoggerFactory.getLogger(FailureMapping.class);

    private final long retryAfterSeconds;

    /** @param retryAfterSeconds what {@code Retry-After} says when the queue is full */
    FailureMapping(long retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    ApiResponse toResponse(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof UnknownLanguageException unknown) {
            return Problem.unknownLanguage(unknown.getMessage(), unknown.knownLanguages());
        }
        if (cause instanceof InvalidRequestException) {
            return Problem.badRequest(cause.getMessage());
        }
        if (cause instanceof QueueFullException) {
            return Problem.response(HttpResponseStatus.TOO_MANY_REQUESTS, Problem.Type.QUEUE_FULL,
                    "the server is running and queueing as many executions as it may; retry in about "
                            + retryAfterSeconds + " s", Map.of("retryAfterSeconds", retryAfterSeconds))
                    .withHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        if (cause instanceof ImageMissingException missing) {
            // 503 rather than 500: the server works, one language is not installed yet, and an operator can fix it
            // without a code change. The build command helps that operator and reveals nothing secret.
            LOG.warn("{}", missing.getMessage());
            return Problem.response(HttpResponseStatus.SERVICE_UNAVAILABLE, Problem.Type.LANGUAGE_UNAVAILABLE,
                    "this language's image (" + missing.image() + ") is not installed on the server; an operator"
                            + " can build it with: " + missing.buildCommand());
        }
        if (cause instanceof EngineUnavailableException) {
            LOG.warn("container engine unavailable: {}", cause.getMessage());
            return Problem.response(HttpResponseStatus.SERVICE_UNAVAILABLE, Problem.Type.ENGINE_UNAVAILABLE,
                    "the container engine that runs the code is not reachable; try again later")
                    .withHeader("Retry-After", "10");
        }
        if (cause instanceof SandboxClosedException || cause instanceof ExecutionInterruptedException
                || cause instanceof RejectedExecutionException) {
            return Problem.response(HttpResponseStatus.SERVICE_UNAVAILABLE, Problem.Type.SHUTTING_DOWN,
                    "the server is shutting down; retry on another instance or in a moment");
        }
        String errorId = UUID.randomUUID().toString();
        LOG.error("unexpected failure, error id {}", errorId, cause);
        return Problem.response(HttpResponseStatus.INTERNAL_SERVER_ERROR, Problem.Type.INTERNAL_ERROR,
                "an unexpected error occurred; the server log has the details under error id " + errorId,
                Map.of("errorId", errorId));
    }
}
