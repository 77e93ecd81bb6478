package dev.jsandbox.server;

import dev.jsandbox.api.SandboxException;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.redis.RedisSandbox;
import dev.jsandbox.redis.RedisWorker;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone jsandbox server ({@code java -jar jsandbox-server.jar}): reads its configuration from the
 * environment (see the module's README), connects to the Docker Engine, serves the HTTP API until the process is
 * stopped, and then removes every container it started. Exits with status 1 and a readable message when the
 * configuration is invalid or the engine cannot be reached. {@code java -jar jsandbox-server.jar images ...} builds or
 * lists the execution images instead ({@link ImagesCommand}).
 */
public final class SandboxServerMain {

    private SandboxServerMain() {
    }

    /**
     * Runs the server (configuration comes from the environment), or with the arguments {@code images ...} the image
     * command ({@code images --help} lists its options).
     */
    public static void main(String[] args) {
        configureLogging(new EnvironmentConfig(System.getenv(), System.getProperties()).value("JSANDBOX_LOG_FORMAT"));
        if (args.length > 0 && args[0].equals("images")) {
            System.exit(new ImagesCommand(System.out).run(java.util.List.of(args).subList(1, args.length)));
        }
        // Only now: a logger created earlier would have fixed slf4j-simple's settings before they were made.
        Logger log = LoggerFactory.getLogger(SandboxServerMain.class);
        ServerConfig config;
        ServerMetrics metrics;
        DockerSandbox sandbox;
        try {
            EnvironmentConfig environment = new EnvironmentConfig(System.getenv(), System.getProperties());
            config = environment.read();
            metrics = ServerMetrics.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            log.error("cannot start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        if (config.mode() != ServerMode.STANDALONE) {
            startWithBroker(config, metrics, log);
            return;
        }
        try {
            sandbox = config.sandbox().listener(metrics.sandboxListener()).build();
        } catch (IllegalArgumentException | SandboxException e) {
            log.error("cannot start: {}", e.getMessage());
            metrics.close();
            System.exit(1);
            return;
        }
        StandaloneHttpServer server;
        try {
            server = config.httpServer().metrics(metrics).start(sandbox);
        } catch (RuntimeException e) {
            log.error("cannot start: {}", e.getMessage());
            sandbox.close();
            metrics.close();
            System.exit(1);
            return;
        }
        warnIfMetricsOpen(config, metrics, log);
        KeyFile keyFile = config.keyFile();
        if (keyFile != null) {
            keyFile.watch();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("draining: new requests get 503 while admitted ones finish");
            boolean drained = server.drainAndClose();
            if (keyFile != null) {
                keyFile.close();
            }
            sandbox.close();
            metrics.close();
            log.info("stopped{}; every container removed", drained ? "" : " (the grace period cut executions short)");
            // A JVM stopped by SIGTERM exits with 143 even after a clean shutdown; a supervisor would count that
            // as a failure. halt, because System.exit inside a shutdown hook would wait for this very hook.
            Runtime.getRuntime().halt(0);
        }, "jsandbox-server-shutdown"));
        log.info("listening on http://{}:{} with {}; sandbox instance {}; languages: {}", config.bindAddress(),
                server.port(), config, sandbox.instanceId(),
                sandbox.languages().stream()
                        .map(language -> language.id() + (language.available() ? "" : " (image missing)")).toList());
        // main ends here; Vert.x's event loop threads keep the process serving until it is stopped.
    }

    /**
     * The api mode (HTTP over a RedisSandbox: no engine here) or the worker mode (a RedisWorker over a local
     * DockerSandbox, HTTP for the probes and /metrics only).
     */
    private static void startWithBroker(ServerConfig config, ServerMetrics metrics, Logger log) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            if (config.mode() == ServerMode.API) {
                RedisSandbox sandbox = config.redisSandbox().build();
                opened.add(0, sandbox);
                metrics.bindQueueDepth(sandbox::queueDepth);
                // /api/submissions from the broker too, not from the API's in-memory queue.
                StandaloneHttpServer server = config.httpServer().options(config.apiWith(sandbox)).metrics(metrics)
                        .start(sandbox);
                opened.add(0, server::drainAndClose);
                KeyFile keyFile = config.keyFile();
                if (keyFile != null) {
                    keyFile.watch();
                    opened.add(0, keyFile);
                }
                log.info("api node listening on http://{}:{} with {}; executions go to the workers of {}",
                        config.bindAddress(), server.port(), config, sandbox);
            } else {
                DockerSandbox sandbox = config.sandbox().listener(metrics.sandboxListener()).build();
                opened.add(0, sandbox);
                RedisWorker worker = config.redisWorker(sandbox).start();
                opened.add(0, worker);
                WorkerHttpServer server = WorkerHttpServer.start(config.bindAddress(), config.port(), sandbox, metrics);
                opened.add(0, server);
                log.info("worker {} with {} slot(s) on sandbox instance {}; probes and metrics on http://{}:{}",
                        worker.name(), worker.concurrency(), sandbox.instanceId(), config.bindAddress(), server.port());
            }
        } catch (RuntimeException e) {
            log.error("cannot start: {}", e.getMessage());
            closeAll(opened);
            metrics.close();
            System.exit(1);
            return;
        }
        warnIfMetricsOpen(config, metrics, log);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping: {}", config.mode() == ServerMode.WORKER
                    ? "no new jobs; running ones finish and store their results"
                    : "draining: new requests get 503 while admitted ones finish");
            closeAll(opened);
            metrics.close();
            log.info("stopped");
            Runtime.getRuntime().halt(0);
        }, "jsandbox-server-shutdown"));
    }

    /** Closes in the order given (newest first), each whatever the others did. */
    private static void closeAll(List<AutoCloseable> opened) {
        for (AutoCloseable resource : opened) {
            try {
                resource.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(SandboxServerMain.class).warn("closing {}: {}", resource, e.getMessage());
            }
        }
    }

    private static void warnIfMetricsOpen(ServerConfig config, ServerMetrics metrics, Logger log) {
        if (!metrics.keyRequired() && !isLoopback(config.bindAddress())) {
            log.warn("{} is open to anyone who reaches {}: set {} to require a key", ServerMetrics.PATH,
                    config.bindAddress(), ServerMetrics.KEY_VARIABLE);
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * Logback's configuration for {@code JSANDBOX_LOG_FORMAT} (plain text unless {@code json}), unless the operator
     * named one with {@code -Dlogback.configurationFile}. Chosen by a property rather than a {@code logback.xml},
     * which would leak into applications that embed the jar. A malformed format is reported by
     * {@link EnvironmentConfig} once logging works.
     */
    private static void configureLogging(@Nullable String format) {
        LogFormat chosen;
        try {
            chosen = format == null ? LogFormat.PLAIN : LogFormat.parse(format);
        } catch (IllegalArgumentException e) {
            chosen = LogFormat.PLAIN;
        }
        setIfAbsent("logback.configurationFile", chosen.configuration);
        // Vert.x logs through SLF4J too, rather than java.util.logging's two-line format.
        setIfAbsent("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
