package dev.jsandbox.server;

import dev.jsandbox.api.SandboxListener;
import dev.jsandbox.micrometer.MicrometerSandboxMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The server's metrics: a Prometheus registry holding the sandbox's meters ({@link MicrometerSandboxMetrics}) and
 * the JVM's and process's (memory, GC, threads, classes, CPU, uptime, file descriptors), served as Prometheus text
 * at {@value #PATH}, optionally only to requests that present {@code Authorization: Bearer <key>}.
 *
 * <p>Without a key, {@value #PATH} is open to whoever reaches the port: fine on loopback (the default bind
 * address), not on a public interface. The sandbox API's own key ({@code JSANDBOX_API_KEY}) does not cover it, so
 * that a scraper never holds a key that can run code.
 */
public final class ServerMetrics implements AutoCloseable {

    /** Where the metrics are served. */
    public static final String PATH = "/metrics";
    /** The shortest key accepted; the same rule as the API key's. */
    static final int MIN_KEY_LENGTH = 16;
    /** Prometheus's text exposition format, which every Prometheus version scrapes. */
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String BEARER = "bearer ";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MicrometerSandboxMetrics sandboxMetrics = MicrometerSandboxMetrics.bindTo(registry);
    private final byte @Nullable [] keyDigest;
    private static final long QUEUE_DEPTH_SECONDS = 2;
    private final ScheduledExecutorService queueDepthReader = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jsandbox-queue-depth");
        thread.setDaemon(true);
        return thread;
    });

    private ServerMetrics(@Nullable String key) {
        this.keyDigest = key == null ? null : sha256(key);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /**
     * Metrics served to anyone who can reach the port ({@code key} null), or only with {@code key}.
     *
     * @throws IllegalArgumentException if the key is shorter than 16 characters or blank
     */
    public static ServerMetrics create(@Nullable String key) {
        if (key != null && (key.isBlank() || key.length() < MIN_KEY_LENGTH)) {
            // Never the key itself in the message.
            throw new IllegalArgumentException("the metrics key must have at least " + MIN_KEY_LENGTH
                    + " characters, e.g. from `openssl rand -hex 32`");
        }
        return new ServerMetrics(key);
    }

    /** The variable that holds the metrics key; see the README's configuration table. */
    static final String KEY_VARIABLE = "JSANDBOX_METRICS_KEY";

    /** The metrics the environment asks for: with the key in {@value #KEY_VARIABLE}, when set. */
    static ServerMetrics fromEnvironment(EnvironmentConfig environment) {
        try {
            return create(environment.value(KEY_VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_VARIABLE + " (or -D" + EnvironmentConfig.propertyName(KEY_VARIABLE)
                    + ") = (hidden) is invalid: " + e.getMessage(), e);
        }
    }

    /** Whether {@value #PATH} needs a key. */
    public boolean keyRequired() {
        return keyDigest != null;
    }

    /** The listener to register with the sandbox's builder, so its events become meters in this registry. */
    public SandboxListener sandboxListener() {
        return sandboxMetrics;
    }

    /**
     * Adds the gauge {@code jsandbox_broker_queue_depth}: the broker's backlog (jobs queued and running), as
     * {@code depth} reports it. Read every {@value #QUEUE_DEPTH_SECONDS} s on a thread of its own, so that a scrape
     * never waits for Redis on the event loop; NaN while the broker cannot be read. The autoscaler's metric (see
     * deploy/kubernetes).
     */
    public void bindQueueDepth(LongSupplier depth) {
        AtomicReference<Double> last = new AtomicReference<>(Double.NaN);
        Gauge.builder("jsandbox.broker.queue.depth", last, AtomicReference::get)
                .description("Jobs in the broker's stream: queued for a worker or running").register(registry);
        queueDepthReader.scheduleWithFixedDelay(() -> {
            try {
                last.set((double) depth.getAsLong());
            } catch (RuntimeException e) {
                last.set(Double.NaN);
            }
        }, 0, QUEUE_DEPTH_SECONDS, TimeUnit.SECONDS);
    }

    /** The registry, for an embedder's own meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The current metrics in Prometheus's text format. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Serves {@value #PATH} and hands every other request to {@code next}. The scrape runs on the event loop: it only
     * reads in-memory meters and the sandbox's counters (never the engine), which takes well under a millisecond.
     */
    Handler<HttpServerRequest> before(Handler<HttpServerRequest> next) {
        return request -> {
            if (!PATH.equals(request.path())) {
                next.handle(request);
                return;
            }
            if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
                request.response().putHeader("Allow", "GET, HEAD");
                problem(request, 405, "Method Not Allowed", PATH + " answers GET only");
                return;
            }
            if (!authorized(request)) {
                request.response().putHeader("WWW-Authenticate", "Bearer realm=\"jsandbox-metrics\"");
                problem(request, 401, "Unauthorized", PATH + " needs the metrics key: send 'Authorization: Bearer <key>'");
                return;
            }
            request.response().putHeader("Content-Type", CONTENT_TYPE).putHeader("Cache-Control", "no-store")
                    .end(scrape());
        };
    }

    private boolean authorized(HttpServerRequest request) {
        if (keyDigest == null) {
            return true;
        }
        String authorization = request.getHeader("Authorization");
        String presented = authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : "";
        // Both sides hashed, then compared in constant time: neither the key's content nor its length leaks
        // through response times. A missing key is compared too, so it takes as long as a wrong one.
        return MessageDigest.isEqual(keyDigest, sha256(presented)) && !presented.isEmpty();
    }

    /** A problem document, as the API's errors are; the texts are this class's constants, never request data. */
    private static void problem(HttpServerRequest request, int status, String title, String detail) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Stops the GC listener and closes the registry. */
    @Override
    public void close() {
        queueDepthReader.shutdownNow();
        gc.close();
        registry.close();
    }
}
