package dev.jsandbox.server;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.http.SandboxApi;
import dev.jsandbox.http.SandboxApiOptions;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The routes of {@link SandboxApi} on a port and a Vert.x instance of their own, hardened for a service on its
 * own: request line, header and connection limits, an idle timeout, problem documents for what is not HTTP, and
 * a graceful shutdown. Closing it does not close the sandbox.
 */
public final class StandaloneHttpServer implements AutoCloseable {

    /** Request line and header limits; browsers and curl stay far below them. */
    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_HEADER_BYTES = 16384;

    private final Vertx vertx;
    private final SandboxApi api;
    private final HttpServer server;
    private final Duration grace;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StandaloneHttpServer(Vertx vertx, SandboxApi api, HttpServer server, Duration grace) {
        this.vertx = vertx;
        this.api = api;
        this.server = server;
        this.grace = grace;
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on; the chosen one when configured with port 0. */
    public int port() {
        return server.actualPort();
    }

    /**
     * Drains, then stops: new requests get 503 (see {@link SandboxApi#drain}) while the admitted ones finish for up
     * to the shutdown grace period; then the port is closed, what is left is interrupted (the sandbox removes their
     * containers), and every connection is closed. Does not close the sandbox. Idempotent; blocks the caller.
     *
     * @return true when every admitted request was answered within the grace period
     */
    public boolean drainAndClose() {
        if (!closed.compareAndSet(false, true)) {
            return true;
        }
        boolean drained;
        try {
            drained = api.drain(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        // Answers are written by now (or given up on); the short shutdown only lets them reach the sockets.
        await(server.shutdown(2, TimeUnit.SECONDS), Duration.ofSeconds(7));
        api.close();
        await(vertx.close(), Duration.ofSeconds(5));
        return drained;
    }

    /** {@link #drainAndClose()}. */
    @Override
    public void close() {
        drainAndClose();
    }

    /** What is not HTTP/1.1, or has over-long lines: a problem document, then the connection closes. */
    private static void rejectMalformed(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        HttpResponseStatus status = cause instanceof TooLongHttpHeaderException
                ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : HttpResponseStatus.BAD_REQUEST;
        String body = "{\"type\":\"about:blank\",\"title\":\"" + status.reasonPhrase() + "\",\"status\":" + status.code()
                + ",\"detail\":\"the request is not well-formed HTTP/1.1 within this server's limits (request line "
                + MAX_INITIAL_LINE + " bytes, headers " + MAX_HEADER_BYTES + " bytes)\"}";
        request.response().setStatusCode(status.code()).putHeader("Content-Type", "application/problem+json")
                .end(body).onComplete(done -> request.connection().close());
    }

    private static <T> T await(Future<T> future, Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("no answer from Vert.x within " + timeout, e);
        }
    }

    /** Builds and starts a {@link StandaloneHttpServer}; every setter documents its default. */
    public static final class Builder {
        private SandboxApiOptions options = SandboxApiOptions.defaults();
        private String host = "127.0.0.1";
        private int port = 4000;
        private int maxConnections = 256;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private @Nullable ServerMetrics metrics;
        private @Nullable Duration shutdownGrace;

        private Builder() {
        }

        /**
         * Serves these metrics at {@value ServerMetrics#PATH}, next to the API's routes (outside them: the API key
         * does not apply, the metrics' own key does). Default: none, {@value ServerMetrics#PATH} answers 404. The
         * server does not close them.
         */
        public Builder metrics(ServerMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * How long a shutdown lets admitted requests finish before interrupting them; default the sandbox's
         * execution plus compile timeout, and 10 s (so one execution that has just started still finishes);
         * between 0 and 1 h.
         */
        public Builder shutdownGrace(Duration shutdownGrace) {
            if (shutdownGrace.isNegative() || shutdownGrace.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("shutdownGrace must be between 0 and 1 h, was " + shutdownGrace);
            }
            this.shutdownGrace = shutdownGrace;
            return this;
        }

        /** What the routes accept; default {@link SandboxApiOptions#defaults()}. */
        public Builder options(SandboxApiOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Default {@code 127.0.0.1}, reachable from this machine only; {@code 0.0.0.0} for every interface. */
        public Builder host(String host) {
            if (Objects.requireNonNull(host, "host").isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host;
            return this;
        }

        /** Default 4000; 0 picks a free port (see {@link StandaloneHttpServer#port()}); at most 65535. */
        public Builder port(int port) {
            this.port = requireRange("port", port, 0, 65535);
            return this;
        }

        /** Open connections at once; further ones are closed on arrival. Default 256; between 1 and 100,000. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = requireRange("maxConnections", maxConnections, 1, 100_000);
            return this;
        }

        /**
         * How long a connection may stay silent before it is closed; default 30 s, between 1 s and 1 h. Raised to
         * the sandbox's execution plus compile timeout (and 10 s) when shorter: it never cuts a running execution.
         */
        public Builder idleTimeout(Duration idleTimeout) {
            if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0 || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("idleTimeout must be between 1 s and 1 h, was " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * Serves {@code sandbox}; returns once the port is bound.
         *
         * @throws IllegalStateException if the address cannot be bound (in use, not local, no permission)
         */
        public StandaloneHttpServer start(CodeSandbox sandbox) {
            Duration longestExecution = sandbox.limits().timeout().plus(sandbox.limits().compileTimeout());
            long idleSeconds = Math.max(idleTimeout.toSeconds(), longestExecution.plusSeconds(10).toSeconds());
            Vertx vertx = Vertx.vertx();
            try {
                SandboxApi api = await(SandboxApi.create(vertx, sandbox, options), Duration.ofSeconds(30));
                AtomicInteger open = new AtomicInteger();
                HttpServer server = vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)
                                .setHost(host).setPort(port)
                                .setMaxInitialLineLength(MAX_INITIAL_LINE).setMaxHeaderSize(MAX_HEADER_BYTES)
                                .setIdleTimeout((int) idleSeconds).setIdleTimeoutUnit(TimeUnit.SECONDS))
                        .connectionHandler(connection -> {
                            // Bounds the memory of bodies in transit (connections times the body cap) and the
                            // file descriptors held.
                            connection.closeHandler(gone -> open.decrementAndGet());
                            if (open.incrementAndGet() > maxConnections) {
                                connection.close();
                            }
                        })
                        .invalidRequestHandler(StandaloneHttpServer::rejectMalformed)
                        .requestHandler(metrics == null ? api.router() : metrics.before(api.router()));
                try {
                    await(server.listen(), Duration.ofSeconds(30));
                } catch (IllegalStateException e) {
                    api.close();
                    throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
                }
                return new StandaloneHttpServer(vertx, api, server,
                        shutdownGrace != null ? shutdownGrace : longestExecution.plusSeconds(10));
            } catch (RuntimeException e) {
                vertx.close();
                throw e;
            }
        }

        private static int requireRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }
    }
}
