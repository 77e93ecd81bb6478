package dev.jsandbox.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A response about to be written, plus what the access log needs to know about it.
 *
 * @param language the request's language for the access log, or null
 */
record ApiResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers,
        @Nullable String language) {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    ApiResponse {
        headers = new LinkedHashMap<>(headers);
    }

    static ApiResponse json(HttpResponseStatus status, Object body) {
        return new ApiResponse(status, JSON, Json.write(body), Map.of(), null);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more, language);
    }

    ApiResponse withLanguage(@Nullable String language) {
        return new ApiResponse(status, contentType, body, headers, language);
    }
}
