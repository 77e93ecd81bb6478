package dev.jsandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail: what went wrong, for a human ({@code detail}) and for a program ({@code type}).
 * Never carries a stack trace or an internal exception message that was not written for clients.
 */
final class Problem {

    /** The {@code type} URIs. Tag URIs: they identify the problem without pretending to be a web page. */
    enum Type {
        /** A plain HTTP error; the title is the status' reason phrase. */
        HTTP("about:blank"),
        INVALID_REQUEST("tag:jsandbox.dev,2025:invalid-request"),
        UNKNOWN_LANGUAGE("tag:jsandbox.dev,2025:unknown-language"),
        QUEUE_FULL("tag:jsandbox.dev,2025:queue-full"),
        LANGUAGE_UNAVAILABLE("tag:jsandbox.dev,2025:language-unavailable"),
        ENGINE_UNAVAILABLE("tag:jsandbox.dev,2025:engine-unavailable"),
        SHUTTING_DOWN("tag:jsandbox.dev,2025:shutting-down"),
        INTERNAL_ERROR("tag:jsandbox.dev,2025:internal-error");

        final String uri;

        Type(String uri) {
            this.uri = uri;
        }
    }

    private Problem() {
    }

    static ApiResponse response(HttpResponseStatus status, Type type, String detail) {
        return response(status, type, detail, Map.of());
    }

    /** A problem response; {@code extensions} are extra members such as {@code knownLanguages}. */
    static ApiResponse response(HttpResponseStatus status, Type type, String detail, Map<String, Object> extensions) {
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("type", type.uri)
                .put("title", title(status, type))
                .put("status", status.code())
                .put("detail", detail);
        extensions.forEach((name, value) -> body.set(name, Json.MAPPER.valueToTree(value)));
        return new ApiResponse(status, ApiResponse.PROBLEM_JSON, Json.write(body), Map.of(), null);
    }

    static ApiResponse badRequest(String detail) {
        return response(HttpResponseStatus.BAD_REQUEST, Type.INVALID_REQUEST, detail);
    }

    static ApiResponse unknownLanguage(String detail, List<String> knownLanguages) {
        return response(HttpResponseStatus.BAD_REQUEST, Type.UNKNOWN_LANGUAGE, detail,
                Map.of("knownLanguages", knownLanguages));
    }

    private static String title(HttpResponseStatus status, Type type) {
        return switch (type) {
            case HTTP -> status.reasonPhrase();
            case INVALID_REQUEST -> "Invalid request";
            case UNKNOWN_LANGUAGE -> "Unknown language";
            case QUEUE_FULL -> "Too many executions";
            case LANGUAGE_UNAVAILABLE -> "Language unavailable";
            case ENGINE_UNAVAILABLE -> "Container engine unavailable";
            case SHUTTING_DOWN -> "Server shutting down";
            case INTERNAL_ERROR -> "Internal error";
        };
    }
}
