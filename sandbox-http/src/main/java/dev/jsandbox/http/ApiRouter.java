package dev.jsandbox.http;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.SandboxHealth;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Decides what answers a request: CORS preflight, authentication, then the route. Requests that need the engine
 * (execute, languages, health) run on worker threads; everything else is answered at once.
 */
final class ApiRouter {

    static final String EXECUTE = "/api/execute";
    static final String LANGUAGES = "/api/languages";
    static final String HEALTH = "/api/health";
    static final String OPENAPI = "/api/openapi.json";

    private final CodeSandbox sandbox;
    private final CorsPolicy cors;
    private final @Nullable ApiKey apiKey;
    private final ExecuteEndpoint execute;
    private final WorkQueue executions;
    private final WorkQueue lookups;
    private final byte[] openApiDocument;

    /**
     * @param executions workers for executions
     * @param lookups workers for the languages and health endpoints, which ask the engine but must not wait
     *     behind executions
     */
    ApiRouter(CodeSandbox sandbox, ServerConfig config, WorkQueue executions, WorkQueue lookups,
            FailureMapping failures) {
        this.sandbox = sandbox;
        this.cors = new CorsPolicy(config.corsOrigins());
        String key = config.apiKey();
        this.apiKey = key == null ? null : new ApiKey(key);
        this.execute = new ExecuteEndpoint(sandbox, executions, failures);
        this.executions = executions;
        this.lookups = lookups;
        this.openApiDocument = readOpenApiDocument();
    }

    CorsPolicy cors() {
        return cors;
    }

    CompletableFuture<ApiResponse> route(ApiRequest request) {
        if (CorsPolicy.isPreflight(request.method(), request.headers())) {
            return done(cors.allowsPreflight(request.headers())
                    ? new ApiResponse(HttpResponseStatus.NO_CONTENT, ApiResponse.JSON, new byte[0], Map.of(), null)
                    : Problem.response(HttpResponseStatus.FORBIDDEN, Problem.Type.HTTP,
                            "this origin or method may not call the API from a browser"));
        }
        if (apiKey != null && !apiKey.accepts(request.headers())) {
            return done(Problem.response(HttpResponseStatus.UNAUTHORIZED, Problem.Type.HTTP,
                    "this server needs an API key: send it as 'Authorization: Bearer <key>' or '" + ApiKey.HEADER
                            + ": <key>'")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"jsandbox\""));
        }
        return switch (request.path()) {
            case EXECUTE -> only(HttpMethod.POST, request, () -> execute.handle(request));
            case LANGUAGES -> only(HttpMethod.GET, request, this::languages);
            case HEALTH -> only(HttpMethod.GET, request, this::health);
            case OPENAPI -> only(HttpMethod.GET, request, () -> done(new ApiResponse(HttpResponseStatus.OK,
                    ApiResponse.JSON, openApiDocument, Map.of(), null)));
            default -> done(Problem.response(HttpResponseStatus.NOT_FOUND, Problem.Type.HTTP,
                    "no resource at this path; the API is " + EXECUTE + ", " + LANGUAGES + ", " + HEALTH + " and "
                            + OPENAPI));
        };
    }

    private CompletableFuture<ApiResponse> languages() {
        return lookups.submit(() -> ApiResponse.json(HttpResponseStatus.OK,
                sandbox.languages().stream().map(ResponseBodies.Language::of).toList()));
    }

    private CompletableFuture<ApiResponse> health() {
        return lookups.submit(() -> {
            SandboxHealth health = sandbox.health();
            HttpResponseStatus status = health.status() == SandboxHealth.Status.UP
                    ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
            return ApiResponse.json(status,
                    ResponseBodies.Health.of(health, executions.waiting(), executions.capacity()));
        });
    }

    private interface Route {
        CompletableFuture<ApiResponse> handle();
    }

    private static CompletableFuture<ApiResponse> only(HttpMethod method, ApiRequest request, Route route) {
        if (!request.method().equals(method)) {
            return done(Problem.response(HttpResponseStatus.METHOD_NOT_ALLOWED, Problem.Type.HTTP,
                    request.path() + " accepts " + method + " only, not " + AccessLog.clean(request.method().name()))
                    .withHeader("Allow", method.name()));
        }
        return route.handle();
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private static byte[] readOpenApiDocument() {
        try (InputStream in = ApiRouter.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the class path next to "
                        + ApiRouter.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
