package dev.jsandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A black-box client of a running server over real HTTP ({@link HttpClient}). Every response it receives is
 * checked against the OpenAPI document ({@link OpenApiContract}), so each test also tests the contract.
 */
public final class ApiClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    ApiClient(TestServer server) {
        this.base = URI.create("http://127.0.0.1:" + server.port());
    }

    /** A response, read whole. */
    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    Reply get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    Reply delete(String path, String... headers) {
        return send(request(path, headers).DELETE().build());
    }

    /** POSTs {@code json} as {@code application/json} unless {@code headers} set another Content-Type. */
    Reply post(String path, String json, String... headers) {
        return send(postRequest(path, json, headers));
    }

    /** The execute call of the original system. */
    Reply execute(String json, String... headers) {
        return post(SandboxApi.EXECUTE_PATH, json, headers);
    }

    CompletableFuture<Reply> executeAsync(String json) {
        HttpRequest request = postRequest(SandboxApi.EXECUTE_PATH, json);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> check(request, response));
    }

    Reply send(HttpRequest request) {
        try {
            return check(request, http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    HttpClient http() {
        return http;
    }

    private HttpRequest postRequest(String path, String json, String... headers) {
        HttpRequest.Builder builder = request(path, headers).POST(HttpRequest.BodyPublishers.ofString(json));
        if (!hasContentType(headers)) {
            builder.header("Content-Type", "application/json");
        }
        return builder.build();
    }

    private static boolean hasContentType(String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Content-Type")) {
                return true;
            }
        }
        return false;
    }

    private static Reply check(HttpRequest request, HttpResponse<String> response) {
        Reply reply = new Reply(response.statusCode(), response.headers(), response.body());
        OpenApiContract.instance().assertConforms(request.method(), request.uri().getPath(), reply.status(),
                reply.contentType(), reply.body());
        return reply;
    }
}
