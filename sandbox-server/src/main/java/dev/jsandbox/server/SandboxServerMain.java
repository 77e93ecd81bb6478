package dev.jsandbox.server;

import dev.jsandbox.api.SandboxException;
import dev.jsandbox.docker.DockerSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone jsandbox server ({@code java -jar jsandbox-server.jar}): reads its configuration from the
 * environment (see the module's README), connects to the Docker Engine, serves the HTTP API until the process is
 * stopped, and then removes every container it started. Exits with status 1 and a readable message when the
 * configuration is invalid or the engine cannot be reached.
 */
public final class SandboxServerMain {

    private SandboxServerMain() {
    }

    /** Runs the server; arguments are ignored (configuration comes from the environment). */
    public static void main(String[] args) {
        configureLogging();
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
        if (!metrics.keyRequired() && !isLoopback(config.bindAddress())) {
            log.warn("{} is open to anyone who reaches {}: set {} to require a key", ServerMetrics.PATH,
                    config.bindAddress(), ServerMetrics.KEY_VARIABLE);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            server.close();
            sandbox.close();
            metrics.close();
        }, "jsandbox-server-shutdown"));
        log.info("listening on http://{}:{} with {}; languages: {}", config.bindAddress(), server.port(), config,
                sandbox.languages().stream()
                        .map(language -> language.id() + (language.available() ? "" : " (image missing)")).toList());
        // main ends here; Vert.x's event loop threads keep the process serving until it is stopped.
    }

    private static boolean isLoopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * Timestamps and thread-free lines for slf4j-simple, unless the operator set them with {@code -D}. Done here
     * rather than in a {@code simplelogger.properties}, which would leak into applications that embed the jar.
     */
    private static void configureLogging() {
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
        // Vert.x logs through SLF4J too, rather than java.util.logging's two-line format.
        setIfAbsent("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
