package dev.jsandbox.server;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.SandboxHealth;
import dev.jsandbox.http.SandboxApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;

/**
 * What a worker ({@code JSANDBOX_MODE=worker}) serves: only the probes {@value SandboxApi#LIVE_PATH} (200 while the
 * process runs) and {@value SandboxApi#READY_PATH} (200 while its sandbox can execute, else 503), and
 * {@value ServerMetrics#PATH}. Jobs come from the broker, never over HTTP, so nothing here runs code.
 */
final class WorkerHttpServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;

    private WorkerHttpServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static WorkerHttpServer start(String host, int port, CodeSandbox sandbox, ServerMetrics metrics) {
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                        .setIdleTimeout(30).setIdleTimeoutUnit(TimeUnit.SECONDS))
                .requestHandler(metrics.before(request -> handle(vertx, sandbox, request)));
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new WorkerHttpServer(vertx, server);
    }

    int port() {
        return server.actualPort();
    }

    private static void handle(Vertx vertx, CodeSandbox sandbox, HttpServerRequest request) {
        switch (request.path()) {
            case SandboxApi.LIVE_PATH -> json(request, 200, "{\"status\":\"UP\"}");
            // The sandbox's health may ask the engine: off the event loop.
            case SandboxApi.READY_PATH -> vertx.executeBlocking(sandbox::health).onComplete(done -> {
                SandboxHealth.Status status = done.succeeded() ? done.result().status() : SandboxHealth.Status.DOWN;
                json(request, status == SandboxHealth.Status.DOWN ? 503 : 200,
                        "{\"status\":\"" + status + "\"}");
            });
            default -> request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"a worker"
                            + " serves only " + SandboxApi.LIVE_PATH + ", " + SandboxApi.READY_PATH + " and "
                            + ServerMetrics.PATH + "; send executions to the api nodes\"}");
        }
    }

    private static void json(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body);
    }

    @Override
    public void close() {
        Future<Void> closed = vertx.close();
        try {
            closed.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing on the way out: nothing left to do about it.
        }
    }
}
