package dev.jsandbox.server;

import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SubmissionQueue;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.http.SandboxApiOptions;
import dev.jsandbox.redis.RedisSandbox;
import dev.jsandbox.redis.RedisWorker;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything the standalone server is told by its environment (see {@link EnvironmentConfig} and the README's
 * table). {@link EnvironmentConfig} checks each value with the builder that uses it, so the rules live in one
 * place: the builders'.
 *
 * @param bindAddress address to listen on
 * @param port port to listen on, 0 for any free one
 * @param maxConnections open connections at once
 * @param idleTimeout how long a connection may stay silent (never cutting an execution)
 * @param api what the routes accept: body size, API key, CORS origins
 * @param limits the limits of every execution, which requests may only lower
 * @param maxConcurrentExecutions executions at once, or null for the library's default (processors / CPUs)
 * @param maxQueuedExecutions executions that may wait for a slot before the sandbox answers busy (429)
 * @param ociRuntime an OCI runtime such as {@code runsc}, or null for the engine's default
 * @param keyFile the clients' key file, already read, or null for none
 * @param logFormat plain text or JSON lines
 * @param shutdownGrace how long a shutdown lets admitted requests finish, or null for the default (the execution
 *     plus compile timeout, and 10 s)
 * @param mode standalone, api or worker
 * @param brokerUrl the broker (Redis) of the api and worker modes; null exactly in standalone mode
 * @param resultTimeToLive how long the broker keeps a finished submission (api mode)
 * @param brokerQueueSize the most jobs the broker's stream holds before submissions are refused (api mode)
 */
record ServerConfig(String bindAddress, int port, int maxConnections, Duration idleTimeout, SandboxApiOptions api,
        Limits limits, @Nullable Integer maxConcurrentExecutions, int maxQueuedExecutions,
        @Nullable String ociRuntime, @Nullable KeyFile keyFile, LogFormat logFormat,
        @Nullable Duration shutdownGrace, ServerMode mode, @Nullable BrokerUrl brokerUrl, Duration resultTimeToLive,
        int brokerQueueSize) {

    ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(resultTimeToLive, "resultTimeToLive");
        if ((mode == ServerMode.STANDALONE) != (brokerUrl == null)) {
            throw new IllegalArgumentException(mode == ServerMode.STANDALONE
                    ? "JSANDBOX_REDIS_URL is set, but JSANDBOX_MODE is standalone, which uses no broker: set"
                    + " JSANDBOX_MODE=api or worker, or unset JSANDBOX_REDIS_URL"
                    : "JSANDBOX_MODE=" + mode.id() + " needs the broker: set JSANDBOX_REDIS_URL, e.g."
                    + " redis://:password@redis-host:6379");
        }
    }

    /**
     * The API's options with {@code queue} behind {@code /api/submissions} (api mode: the broker's), instead of the
     * in-memory queue the API makes by default.
     */
    SandboxApiOptions apiWith(SubmissionQueue queue) {
        return new SandboxApiOptions(api.maxBodyBytes(), api.apiKey(), api.corsOrigins(), api.clientKeys(),
                api.defaultRequestsPerMinute(), Objects.requireNonNull(queue, "queue"));
    }

    /** The broker-backed sandbox of the api mode; {@link RedisSandbox.Builder#build()} connects to Redis. */
    RedisSandbox.Builder redisSandbox() {
        RedisSandbox.Builder builder = RedisSandbox.builder(Objects.requireNonNull(brokerUrl, "brokerUrl").value())
                .resultTimeToLive(resultTimeToLive).maxQueueLength(brokerQueueSize);
        return builder;
    }

    /** The worker of the worker mode, over {@code sandbox}; {@link RedisWorker.Builder#start()} connects. */
    RedisWorker.Builder redisWorker(DockerSandbox sandbox) {
        return RedisWorker.builder(Objects.requireNonNull(brokerUrl, "brokerUrl").value(), sandbox);
    }

    /** The HTTP server these settings describe. */
    StandaloneHttpServer.Builder httpServer() {
        StandaloneHttpServer.Builder builder = StandaloneHttpServer.builder().host(bindAddress).port(port)
                .maxConnections(maxConnections).idleTimeout(idleTimeout).options(api);
        if (shutdownGrace != null) {
            builder.shutdownGrace(shutdownGrace);
        }
        return builder;
    }

    /** The sandbox these settings describe; {@link DockerSandbox.Builder#build()} connects to the engine. */
    DockerSandbox.Builder sandbox() {
        DockerSandbox.Builder builder = DockerSandbox.builder().limits(limits).maxQueuedExecutions(maxQueuedExecutions);
        if (maxConcurrentExecutions != null) {
            builder.maxConcurrentExecutions(maxConcurrentExecutions);
        }
        if (ociRuntime != null) {
            builder.ociRuntime(ociRuntime);
        }
        return builder;
    }
}
