package dev.jsandbox.http;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.docker.DockerSandbox;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server over a {@link CodeSandbox}: {@code POST /api/execute}, {@code GET /api/languages},
 * {@code GET /api/health} and the OpenAPI document at {@code GET /api/openapi.json}.
 *
 * <p>Embed it over any sandbox; closing the server does not close the sandbox:
 *
 * <pre>{@code
 * try (DockerSandbox sandbox = DockerSandbox.builder().build();
 *      SandboxServer server = SandboxServer.start(sandbox, ServerConfig.builder().port(8080).build())) {
 *     server.awaitClose();
 * }
 * }</pre>
 *
 * <p>Or run it standalone with {@link #main}, configured by environment variables (see the module's README).
 */
public final class SandboxServer implements AutoCloseable {

    /** Workers for /api/languages and /api/health, which ask the engine but are quick. */
    private static final int LOOKUP_THREADS = 2;
    private static final int LOOKUP_QUEUE = 32;

    private final ServerConfig config;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup connections;
    private final WorkQueue executions;
    private final WorkQueue lookups;
    private final Channel listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private SandboxServer(CodeSandbox sandbox, ServerConfig config) {
        this.config = config;
        this.executions = new WorkQueue("execution", config.maxConcurrentExecutions(), config.queueSize());
        this.lookups = new WorkQueue("lookup", LOOKUP_THREADS, LOOKUP_QUEUE);
        // Daemon threads: an embedding application must be able to exit even if it forgets close().
        this.acceptor = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("jsandbox-http-accept", true), NioIoHandler.newFactory());
        // Event loops only parse and write; executions block on worker threads. One loop per core is plenty.
        this.connections = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("jsandbox-http-io", true), NioIoHandler.newFactory());
        try {
            FailureMapping failures = new FailureMapping(retryAfterSeconds(sandbox.limits()));
            ApiRouter router = new ApiRouter(sandbox, config, executions, lookups, failures);
            ChannelFuture bound = new ServerBootstrap()
                    .group(acceptor, connections)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new HttpPipeline(config, router, failures))
                    .bind(config.bindAddress(), config.port())
                    .awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw new IllegalStateException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": "
                        + bound.cause().getMessage() + " (set PORT or JSANDBOX_BIND_ADDRESS)", bound.cause());
            }
            this.listener = bound.channel();
        } catch (RuntimeException e) {
            shutDownThreads(0);
            throw e;
        }
    }

    /**
     * Starts serving {@code sandbox} as {@code config} says and returns once the port is bound.
     *
     * @throws IllegalStateException if the address cannot be bound (in use, not local, no permission)
     */
    public static SandboxServer start(CodeSandbox sandbox, ServerConfig config) {
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(config, "config");
        return new SandboxServer(sandbox, config);
    }

    /** The port the server listens on; the chosen one when configured with port 0. */
    public int port() {
        return address().getPort();
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Blocks until the server is closed (by {@link #close()} or a shutdown hook). */
    public void awaitClose() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops accepting connections, lets running executions finish for up to one execution timeout (plus the
     * compile timeout), interrupts what is left (their containers are removed), then closes all connections.
     * Does not close the sandbox. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener.close().syncUninterruptibly();
        Duration grace = config.limits().timeout().plus(config.limits().compileTimeout()).plusSeconds(2);
        shutDownThreads(grace.toMillis());
        stopped.countDown();
    }

    private void shutDownThreads(long graceMillis) {
        // Waits are bounded: a shutdown hook must end even if an event loop does not.
        acceptor.shutdownGracefully(0, 1000, TimeUnit.MILLISECONDS).awaitUninterruptibly(2000);
        executions.close(graceMillis);
        lookups.close(1000);
        // Give the loops a moment to write the last responses (503 for executions cut short).
        connections.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly(3000);
    }

    /** Clients of a full queue are told to come back after about one execution timeout of the sandbox served. */
    static long retryAfterSeconds(Limits limits) {
        return Math.max(1, (limits.timeout().toMillis() + 999) / 1000);
    }

    /**
     * Runs the standalone server: reads the configuration from the environment, connects to the Docker Engine
     * and serves until the process is stopped. Exits with status 1 and a readable message when the configuration
     * is invalid or the engine cannot be reached.
     */
    public static void main(String[] args) throws InterruptedException {
        Standalone.configureLogging();
        // Only now: a logger created earlier would have fixed slf4j-simple's settings before they were made.
        Logger log = LoggerFactory.getLogger(SandboxServer.class);
        ServerConfig config;
        DockerSandbox sandbox;
        try {
            EnvironmentConfig environment = new EnvironmentConfig(System.getenv(), System.getProperties());
            config = environment.read();
            sandbox = Standalone.buildSandbox(config, environment);
        } catch (IllegalArgumentException | SandboxException e) {
            log.error("cannot start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        SandboxServer server;
        try {
            server = start(sandbox, config);
        } catch (RuntimeException e) {
            log.error("cannot start: {}", e.getMessage());
            sandbox.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            server.close();
            sandbox.close();
        }, "jsandbox-http-shutdown"));
        log.info("listening on http://{}:{} with {}; languages: {}", config.bindAddress(), server.port(), config,
                sandbox.languages().stream().map(language -> language.id() + (language.available() ? "" : " (image missing)"))
                        .toList());
        server.awaitClose();
    }
}
