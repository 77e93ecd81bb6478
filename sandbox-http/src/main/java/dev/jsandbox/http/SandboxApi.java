package dev.jsandbox.http;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.LocalSubmissionQueue;
import dev.jsandbox.api.SubmissionQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Path;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP API over any {@link CodeSandbox} as Vert.x Web routes: {@code POST /api/execute}, the asynchronous
 * {@code POST /api/submissions} with {@code GET} and {@code DELETE /api/submissions/{id}} (over a
 * {@link SubmissionQueue}, see {@link SandboxApiOptions#submissionQueue()}), {@code GET /api/languages},
 * {@code GET /api/health}, the OpenAPI document at {@code GET /api/openapi.json} and
 * Swagger UI at {@code /api/docs}, and the playground page at {@code /} ({@link Playground}). Requests are
 * validated against the OpenAPI document (400 naming the field);
 * errors are RFC 9457 problem documents.
 *
 * <p>Mount the routes in an application's own router, after the application's routes:
 *
 * <pre>{@code
 * SandboxApi.create(vertx, sandbox, SandboxApiOptions.defaults()).onSuccess(api -> {
 *     appRouter.route("/*").subRouter(api.router());
 *     vertx.createHttpServer().requestHandler(appRouter).listen(8080);
 * });
 * }</pre>
 *
 * <p>or serve them on a port of their own with {@link #listen}. Closing the API interrupts the executions still
 * running and closes the submission queue it made itself; it does not close the sandbox, nor a queue it was given.
 */
public final class SandboxApi implements AutoCloseable {

    /** The paths, as in the OpenAPI document. */
    public static final String EXECUTE_PATH = "/api/execute";
    /** {@code POST}: 202 with the new submission's id. */
    public static final String SUBMISSIONS_PATH = "/api/submissions";
    /** {@code GET} (with {@code ?wait=N} seconds) and {@code DELETE}; as in the OpenAPI document. */
    public static final String SUBMISSION_PATH = "/api/submissions/{id}";
    public static final String LANGUAGES_PATH = "/api/languages";
    public static final String HEALTH_PATH = "/api/health";
    /** 200 while the process serves at all; for an orchestrator's liveness probe. */
    public static final String LIVE_PATH = "/api/health/live";
    /** 200 when executions can be served now (engine reachable, images present, not draining), else 503. */
    public static final String READY_PATH = "/api/health/ready";
    public static final String OPENAPI_PATH = "/api/openapi.json";
    public static final String DOCS_PATH = "/api/docs";

    static final String BODY_LIMIT_KEY = "jsandbox.bodyLimit";
    static final String RESOURCES = "dev/jsandbox/http/";

    private final Vertx vertx;
    private final Router router;
    private final ExecuteHandler execute;
    private final SubmissionsHandler submissions;
    private final Draining draining;
    /** The queue the API made, and so closes; null when the options gave one. */
    private final @Nullable SubmissionQueue ownQueue;

    private SandboxApi(Vertx vertx, Router router, ExecuteHandler execute, SubmissionsHandler submissions,
            Draining draining, @Nullable SubmissionQueue ownQueue) {
        this.vertx = vertx;
        this.router = router;
        this.execute = execute;
        this.submissions = submissions;
        this.draining = draining;
        this.ownQueue = ownQueue;
    }

    /**
     * Builds the routes; completes once the OpenAPI document is loaded. Executions run on threads of the API's own
     * (they block in {@link CodeSandbox#execute}); the sandbox decides how many run, wait or are refused.
     */
    public static Future<SandboxApi> create(Vertx vertx, CodeSandbox sandbox, SandboxApiOptions options) {
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(options, "options");
        String document = resource(RESOURCES + "openapi.json");
        return OpenAPIContract.from(vertx, forRequestValidation(new JsonObject(document)))
                .map(contract -> build(vertx, contract, document, sandbox, options));
    }

    /**
     * The served document as vertx-openapi 5.0 can load it: that version refuses media types outside a fixed list,
     * {@code application/problem+json} among them, even in responses, which the router never validates. So the
     * error responses lose their {@code content} here, and only here; requests are validated against the rest of
     * the document unchanged, and clients get the whole document. The same goes for the event stream of
     * {@code execute} ({@code text/event-stream}, see {@link ExecuteEventStream}).
     */
    private static JsonObject forRequestValidation(JsonObject document) {
        JsonObject copy = document.copy();
        copy.getJsonObject("paths").getJsonObject(EXECUTE_PATH).getJsonObject("post").getJsonObject("responses")
                .getJsonObject("200").getJsonObject("content").remove(ExecuteEventStream.MEDIA_TYPE);
        JsonObject responses = copy.getJsonObject("components").getJsonObject("responses");
        for (String name : responses.fieldNames()) {
            JsonObject content = responses.getJsonObject(name).getJsonObject("content");
            if (content != null) {
                content.remove(Problems.PROBLEM_JSON);
            }
        }
        return copy;
    }

    /** The routes, to mount with {@code appRouter.route("/*").subRouter(api.router())}. */
    public Router router() {
        return router;
    }

    /**
     * Serves the routes on an HTTP server of their own, e.g. {@code api.listen(new HttpServerOptions().setPort(8080))};
     * completes once it listens. Close the server first, then the API. The standalone server of
     * {@code sandbox-server} adds connection and header limits, an idle timeout and a graceful shutdown.
     */
    public Future<HttpServer> listen(HttpServerOptions options) {
        return vertx.createHttpServer(options).requestHandler(router).listen();
    }

    /**
     * Starts draining: from now on every request but {@link #LIVE_PATH} gets 503 (problem type
     * {@code shutting-down}, {@code Connection: close}), and {@link #READY_PATH} says so; long polls of submissions
     * ({@code ?wait=N}) are answered at once with the submission's state then; then waits, blocking the calling
     * thread (never an event loop), until the requests already admitted have been answered.
     *
     * @param grace how long to wait at most
     * @return true when every admitted request was answered within {@code grace}
     */
    public boolean drain(Duration grace) throws InterruptedException {
        draining.startDraining();
        submissions.stopWaiting();
        return draining.drain(grace);
    }

    /**
     * Interrupts the executions still running (their containers are removed) and closes the submission queue the API
     * made itself (see {@link LocalSubmissionQueue#close()}: what waits there is dropped); does not close the
     * sandbox, nor a queue given through {@link SandboxApiOptions#submissionQueue()}.
     */
    @Override
    public void close() {
        execute.close();
        submissions.close();
        if (ownQueue != null) {
            ownQueue.close();
        }
    }

    private static SandboxApi build(Vertx vertx, OpenAPIContract contract, String document, CodeSandbox sandbox,
            SandboxApiOptions options) {
        RouterBuilder builder = RouterBuilder.create(vertx, contract, (ctx, operation) ->
                // The body handler has read the body already; the default extractor would read the request again.
                io.vertx.openapi.validation.RequestUtils.extract(ctx.request(), operation,
                        () -> Future.succeededFuture(ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer())));
        // Platform handlers: Vert.x runs them before CORS, so even a refused origin is logged and marked.
        builder.rootHandler((PlatformHandler) AccessLog::handle);
        builder.rootHandler((PlatformHandler) ctx -> commonHeaders(ctx, !options.corsOrigins().isEmpty()));
        Draining draining = new Draining();
        builder.rootHandler((PlatformHandler) draining::handle);
        if (!options.corsOrigins().isEmpty()) {
            builder.rootHandler(CorsHandler.create().addOrigins(options.corsOrigins())
                    .allowedMethods(Set.of(io.vertx.core.http.HttpMethod.GET, io.vertx.core.http.HttpMethod.POST,
                            io.vertx.core.http.HttpMethod.DELETE))
                    .allowedHeaders(Set.of("Content-Type", "Authorization", ApiKey.HEADER))
                    .exposedHeaders(Set.of("Retry-After", "WWW-Authenticate", "Location", AccessLog.REQUEST_ID_HEADER,
                            "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"))
                    .maxAgeSeconds(600));
        }
        String key = options.apiKey();
        Supplier<ClientKeys> keys = options.clientKeys();
        if (key != null || keys != null) {
            ClientKeys none = ClientKeys.of(List.of());
            ApiKey required = new ApiKey(keys == null ? () -> none : keys,
                    key == null ? null : ClientKey.of(SandboxApiOptions.DEFAULT_CLIENT, key, ClientLimits.NONE));
            // The playground's files are public (they hold no data); the page asks for the key on the API's 401.
            builder.rootHandler(ctx -> {
                if (Playground.isPublic(ctx)) {
                    ctx.next();
                } else {
                    required.handle(ctx);
                }
            });
        }
        ClientLimiter limiter = new ClientLimiter(options.defaultRequestsPerMinute(), Clock.systemUTC());
        builder.rootHandler(limiter::limitRate);
        builder.rootHandler(SandboxApi::requireUtf8);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(options.maxBodyBytes());
        builder.rootHandler(ctx -> {
            ctx.put(BODY_LIMIT_KEY, options.maxBodyBytes());
            body.handle(ctx);
        });

        ExecuteHandler execute = new ExecuteHandler(sandbox);
        Buffer openApi = Buffer.buffer(document);
        route(builder, "execute").addHandler(limiter::admitExecution).addHandler(execute::handle);
        SubmissionQueue ownQueue = options.submissionQueue() == null ? LocalSubmissionQueue.builder(sandbox).build()
                : null;
        SubmissionsHandler submissions = new SubmissionsHandler(ownQueue != null ? ownQueue : options.submissionQueue());
        route(builder, "submit").addHandler(limiter::admitSubmission).addHandler(submissions::submit);
        route(builder, "submission").addHandler(submissions::find);
        route(builder, "cancelSubmission").addHandler(submissions::cancel);
        route(builder, "languages").addHandler(ctx -> ctx.vertx()
                .executeBlocking(() -> sandbox.languages().stream().map(LookupResponses.Language::of).toList(), false)
                .onSuccess(languages -> json(ctx, 200, languages)).onFailure(ctx::fail));
        route(builder, "health").addHandler(ctx -> ctx.vertx()
                .executeBlocking(() -> LookupResponses.Health.of(sandbox.health()), false)
                .onSuccess(health -> json(ctx, health.status().equals("UP") ? 200 : 503, health))
                .onFailure(ctx::fail));
        route(builder, "liveness").addHandler(ctx -> json(ctx, 200, Map.of("status", "UP")));
        route(builder, "readiness").addHandler(ctx -> ctx.vertx()
                .executeBlocking(() -> LookupResponses.Health.of(sandbox.health()), false)
                .onSuccess(health -> json(ctx, health.status().equals("UP") ? 200 : 503, health))
                .onFailure(ctx::fail));
        route(builder, "openApiDocument").addHandler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").end(openApi));

        Router router = builder.createRouter();
        SwaggerUi.mount(router, DOCS_PATH);
        Playground.mount(router);
        router.route().failureHandler(Problems::handleFailure);
        router.errorHandler(404, Problems::handleFailure);
        Map<String, String> allowed = contract.getPaths().stream().collect(Collectors.toMap(Path::getName,
                path -> path.getOperations().stream().map(op -> op.getHttpMethod().name()).collect(Collectors.joining(", "))));
        router.errorHandler(405, ctx -> {
            String path = ctx.request().path();
            String template = path.startsWith(SUBMISSIONS_PATH + "/") ? SUBMISSION_PATH : path;
            ctx.response().putHeader("Allow", allowed.getOrDefault(template, "GET"));
            Problems.handleFailure(ctx);
        });
        return new SandboxApi(vertx, router, execute, submissions, draining, ownQueue);
    }

    private static OpenAPIRoute route(RouterBuilder builder, String operationId) {
        // Authentication is the API key handler's (see ApiKey), not the document's security schemes.
        return Objects.requireNonNull(builder.getRoute(operationId), operationId).setDoSecurity(false);
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Json.encodeToBuffer(body));
    }

    private static void commonHeaders(RoutingContext ctx, boolean cors) {
        // Answers depend on the moment (health) or on the request (execute): nothing may be cached.
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff");
        if (cors) {
            // Caches must keep answers for different origins apart, allowed (200) or not (403).
            ctx.response().putHeader("Vary", "Origin");
        }
        ctx.next();
    }

    /** JSON is UTF-8 (RFC 8259): a body declared in another charset would be decoded wrongly, so it is refused. */
    private static void requireUtf8(RoutingContext ctx) {
        MIMEHeader type = ctx.parsedHeaders().contentType();
        String charset = type == null ? null : type.parameter("charset");
        if (charset == null || charset.equalsIgnoreCase("utf-8")) {
            ctx.next();
        } else {
            ctx.response().putHeader("Accept-Post", "application/json");
            Problems.send(ctx, 415, Problems.Type.HTTP, "send the request as Content-Type: application/json (UTF-8)");
        }
    }

    static String resource(String name) {
        try (InputStream in = SandboxApi.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
