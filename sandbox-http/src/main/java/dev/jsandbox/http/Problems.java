package dev.jsandbox.http;

import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.ImageMissingException;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.SandboxBusyException;
import dev.jsandbox.api.SandboxClosedException;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.api.UnknownLanguageException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answer: an RFC 9457 problem document with a {@code type} URI and a {@code detail} for a human.
 * Messages written for clients (invalid requests) are passed on; messages written for operators (how to start
 * the engine) go to the log; unexpected failures reach the client only as an error id found in the log. Never a
 * stack trace, never the code or output of a program.
 */
final class Problems {

    /** The {@code type} URIs. Tag URIs: they identify the problem without pretending to be a web page. */
    enum Type {
        /** A plain HTTP error; the title is the status' reason phrase. */
        HTTP("about:blank", ""),
        INVALID_REQUEST("tag:jsandbox.dev,2025:invalid-request", "Invalid request"),
        UNKNOWN_LANGUAGE("tag:jsandbox.dev,2025:unknown-language", "Unknown language"),
        QUEUE_FULL("tag:jsandbox.dev,2025:queue-full", "Too many executions"),
        RATE_LIMITED("tag:jsandbox.dev,2025:rate-limited", "Too many requests from this client"),
        CONCURRENCY_LIMITED("tag:jsandbox.dev,2025:client-concurrency-limit",
                "Too many executions of this client at once"),
        QUOTA_EXHAUSTED("tag:jsandbox.dev,2025:daily-quota-exhausted", "Daily execution quota used up"),
        LANGUAGE_UNAVAILABLE("tag:jsandbox.dev,2025:language-unavailable", "Language unavailable"),
        ENGINE_UNAVAILABLE("tag:jsandbox.dev,2025:engine-unavailable", "Container engine unavailable"),
        SHUTTING_DOWN("tag:jsandbox.dev,2025:shutting-down", "Server shutting down"),
        UNKNOWN_SUBMISSION("tag:jsandbox.dev,2025:unknown-submission", "Unknown submission"),
        SUBMISSION_STARTED("tag:jsandbox.dev,2025:submission-started", "Submission already started"),
        INTERNAL_ERROR("tag:jsandbox.dev,2025:internal-error", "Internal error");

        final String uri;
        final String title;

        Type(String uri, String title) {
            this.uri = uri;
            this.title = title;
        }
    }

    static final String PROBLEM_JSON = "application/problem+json";
    /** How vertx-openapi's messages name a parameter: "The value of query parameter wait is invalid ...". */
    private static final java.util.regex.Pattern PARAMETER =
            java.util.regex.Pattern.compile("\\b(query|path|header|cookie) parameter ([A-Za-z0-9_-]{1,64})\\b");
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /** Writes a problem as the whole response; {@code extensions} are members such as {@code knownLanguages}. */
    static Future<Void> send(RoutingContext ctx, int status, Type type, String detail,
            Map<String, Object> extensions) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        String title = type == Type.HTTP ? HttpResponseStatus.valueOf(status).reasonPhrase() : type.title;
        JsonObject body = new JsonObject().put("type", type.uri).put("title", title).put("status", status)
                .put("detail", detail).mergeIn(new JsonObject(extensions));
        return response.setStatusCode(status).putHeader("Content-Type", PROBLEM_JSON).end(body.toBuffer());
    }

    static Future<Void> send(RoutingContext ctx, int status, Type type, String detail) {
        return send(ctx, status, type, detail, Map.of());
    }

    /** The failure handler of every route: turns what failed the request into its problem. */
    static void handleFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof HttpException http && http.getCause() instanceof ValidatorException invalid) {
            failure = invalid;
        }
        if (failure instanceof ValidatorException invalid) {
            invalidRequest(ctx, invalid);
        } else if (failure instanceof SandboxException || failure != null && ctx.statusCode() == 500) {
            fromException(ctx, failure);
        } else {
            // A framework handler's failure (404, 405, 413, CORS' 403): the status says it all.
            byHttpStatus(ctx, ctx.statusCode());
        }
    }

    /** Failures with only a status: no route (404), wrong method (405), too large (413), CORS (403). */
    static void byHttpStatus(RoutingContext ctx, int status) {
        String detail = switch (status) {
            case 404 -> "no resource at this path; the API is described at " + SandboxApi.OPENAPI_PATH;
            case 405 -> "this path does not accept " + AccessLog.clean(ctx.request().method().name())
                    + "; see the Allow header";
            case 413 -> "the request body is larger than this server accepts ("
                    + ctx.<Integer>get(SandboxApi.BODY_LIMIT_KEY) + " bytes)";
            case 403 -> "this origin may not call the API from a browser";
            default -> HttpResponseStatus.valueOf(status < 400 ? 500 : status).reasonPhrase();
        };
        Future<Void> sent = send(ctx, status < 400 ? 500 : status, Type.HTTP, detail);
        if (status == 413) {
            // The rest of the body may still be coming, so the connection cannot carry another request. Shut down
            // gracefully: closing at once, with input unread, would reset the connection and could destroy the
            // answer before the client reads it.
            sent.onComplete(done -> ctx.request().connection().shutdown(2, TimeUnit.SECONDS));
        }
    }

    private static void invalidRequest(RoutingContext ctx, ValidatorException invalid) {
        java.util.regex.Matcher parameter = PARAMETER.matcher(String.valueOf(invalid.getMessage()));
        if (parameter.find()) {
            // A parameter of the URL (e.g. ?wait=): its name comes from the document, the reason may quote the value.
            String reason = invalid instanceof SchemaValidationException schema
                    ? ": " + printable(String.valueOf(schema.getOutputUnit().getErrors() == null
                            || schema.getOutputUnit().getErrors().isEmpty() ? schema.getOutputUnit().getError()
                            : schema.getOutputUnit().getErrors().get(0).getError()))
                    : " (not a value of its type)";
            send(ctx, 400, Type.INVALID_REQUEST, "the " + parameter.group(1) + " parameter '" + parameter.group(2)
                    + "' is invalid" + reason + "; see " + SandboxApi.OPENAPI_PATH);
        } else if (invalid.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT) {
            ctx.response().putHeader("Accept-Post", "application/json");
            send(ctx, 415, Type.HTTP, "send the request as Content-Type: application/json (UTF-8)");
        } else if (invalid.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER
                && !(invalid instanceof SchemaValidationException)) {
            send(ctx, 400, Type.INVALID_REQUEST, "the request body is empty; send a JSON object like "
                    + "{\"language\": \"python\", \"code\": \"print(1)\"}");
        } else if (invalid instanceof SchemaValidationException schema) {
            send(ctx, 400, Type.INVALID_REQUEST, describe(schema.getOutputUnit()));
        } else {
            send(ctx, 400, Type.INVALID_REQUEST, "the request body is not valid JSON");
        }
    }

    /**
     * The deepest schema violation, naming its field: {@code 'limits.timeoutMs': Instance type number is invalid.
     * Expected integer}. Field names come from the client, so they are cut and cleaned like log values.
     */
    static String describe(OutputUnit result) {
        List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result)
                : result.getErrors();
        OutputUnit deepest = errors.stream()
                .max(Comparator.comparingInt((OutputUnit error) -> location(error).length())).orElse(result);
        String field = location(deepest);
        String where = field.isEmpty() ? "the request body" : "'" + printable(field) + "'";
        String unknown = String.valueOf(deepest.getKeywordLocation()).endsWith("additionalProperties")
                ? " (an unknown field)" : "";
        return where + unknown + ": " + printable(String.valueOf(deepest.getError()))
                + "; see the ExecuteRequest schema at " + SandboxApi.OPENAPI_PATH;
    }

    /** Without control characters, and bounded: parts of the message come from the client's body. */
    private static String printable(String text) {
        String shortened = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }

    /** {@code #/limits/timeoutMs} as {@code limits.timeoutMs}; the root as the empty string. */
    private static String location(OutputUnit unit) {
        String pointer = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
        return pointer.replaceFirst("^#?/?", "").replace('/', '.').replace("~1", "/").replace("~0", "~");
    }

    /** Exceptions of the sandbox (and of the adapter's own executor). */
    static void fromException(RoutingContext ctx, Throwable cause) {
        if (cause instanceof UnknownLanguageException unknown) {
            send(ctx, 400, Type.UNKNOWN_LANGUAGE, unknown.getMessage(),
                    Map.of("knownLanguages", unknown.knownLanguages()));
        } else if (cause instanceof InvalidRequestException) {
            send(ctx, 400, Type.INVALID_REQUEST, cause.getMessage());
        } else if (cause instanceof SandboxBusyException busy) {
            tooBusy(ctx, busy.retryAfter());
        } else if (cause instanceof ImageMissingException missing) {
            // 503 rather than 500: one language is not installed yet, and an operator can fix that without a
            // code change. The build command helps that operator and reveals nothing secret.
            LOG.warn("{}", missing.getMessage());
            send(ctx, 503, Type.LANGUAGE_UNAVAILABLE, "this language's image (" + missing.image() + ") is not"
                    + " installed on the server; an operator can build it with: " + missing.buildCommand());
        } else if (cause instanceof EngineUnavailableException) {
            LOG.warn("container engine unavailable: {}", cause.getMessage());
            ctx.response().putHeader("Retry-After", "10");
            send(ctx, 503, Type.ENGINE_UNAVAILABLE, "the container engine that runs the code is not reachable;"
                    + " try again later");
        } else if (cause instanceof SandboxClosedException || cause instanceof ExecutionInterruptedException) {
            send(ctx, 503, Type.SHUTTING_DOWN, "the server is shutting down; retry on another instance or in a"
                    + " moment");
        } else {
            String errorId = UUID.randomUUID().toString();
            LOG.error("unexpected failure, error id {}", errorId, cause);
            send(ctx, 500, Type.INTERNAL_ERROR, "an unexpected error occurred; the server log has the details"
                    + " under error id " + errorId, Map.of("errorId", errorId));
        }
    }

    /** 429 with the sandbox's own estimate of when a retry has a chance. */
    static void tooBusy(RoutingContext ctx, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        send(ctx, 429, Type.QUEUE_FULL, "every execution slot is busy and the queue is full; retry in about "
                + seconds + " s", Map.of("retryAfterSeconds", seconds));
    }
}
