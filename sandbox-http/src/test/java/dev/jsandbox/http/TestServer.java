package dev.jsandbox.http;

import dev.jsandbox.api.CodeSandbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/** The routes over {@code sandbox} on a free loopback port, through the adapter's own {@link SandboxApi#listen}. */
public final class TestServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final SandboxApi api;
    private final HttpServer server;

    private TestServer(CodeSandbox sandbox, SandboxApiOptions options) {
        this.api = await(SandboxApi.create(vertx, sandbox, options));
        this.server = await(api.listen(new HttpServerOptions().setHost("127.0.0.1").setPort(0)));
    }

    public static TestServer start(CodeSandbox sandbox) {
        return new TestServer(sandbox, SandboxApiOptions.defaults());
    }

    public static TestServer start(CodeSandbox sandbox, SandboxApiOptions options) {
        return new TestServer(sandbox, options);
    }

    /** The routes, e.g. to drain them. */
    public SandboxApi api() {
        return api;
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        await(server.close());
        api.close();
        await(vertx.close());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
