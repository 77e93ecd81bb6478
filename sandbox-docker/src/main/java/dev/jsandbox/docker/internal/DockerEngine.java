package dev.jsandbox.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.api.SandboxListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few Docker Engine operations the sandbox needs, with engine faults translated into the API's exceptions.
 * Thread-safe.
 */
public final class DockerEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);
    private static final int MAX_CONNECTIONS = 128;

    private final DockerClient client;
    private final DockerHttpClient http;
    private final String host;
    private final SandboxEvents events;

    private DockerEngine(DockerClient client, DockerHttpClient http, String host, SandboxEvents events) {
        this.client = client;
        this.http = http;
        this.host = host;
        this.events = events;
    }

    /**
     * Connects to {@code dockerHost}, or when null to what docker-java's default configuration says: the
     * {@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH} variables, else the local socket.
     * Nothing is sent yet.
     */
    public static DockerEngine connect(@Nullable String dockerHost) {
        return connect(dockerHost, SandboxEvents.NONE);
    }

    /** As {@link #connect(String)}, reporting every refused or failed engine call to {@code events}. */
    public static DockerEngine connect(@Nullable String dockerHost, SandboxEvents events) {
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (dockerHost != null) {
            config.withDockerHost(dockerHost);
        }
        DockerClientConfig built = config.build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(built.getDockerHost())
                .sslConfig(built.getSSLConfig())
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return new DockerEngine(DockerClientImpl.getInstance(built, http), http, built.getDockerHost().toString(),
                events);
    }

    /** Where the engine is, e.g. {@code unix:///var/run/docker.sock}. */
    public String host() {
        return host;
    }

    /** The engine's version, e.g. {@code Docker 24.0.7 (API 1.43)}. */
    public String version() {
        Version version = call("version", "read the engine version", () -> client.versionCmd().exec());
        return "Docker " + version.getVersion() + " (API " + version.getApiVersion() + ")";
    }

    /** The labels of an image, or empty when the image is not present. */
    public Optional<Map<String, String>> imageLabels(String image) {
        try {
            var inspection = call("inspect_image", "inspect image " + image,
                    () -> client.inspectImageCmd(image).exec());
            var config = inspection.getConfig();
            Map<String, String> labels = config == null ? null : config.getLabels();
            return Optional.of(labels == null ? Map.of() : labels);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Creates a container; the command is configured by {@code spec}. */
    public String create(String image, UnaryOperator<CreateContainerCmd> spec) {
        return call("create", "create a container from " + image,
                () -> spec.apply(client.createContainerCmd(image)).exec().getId());
    }

    public void start(String containerId) {
        call("start", "start container " + containerId, () -> client.startContainerCmd(containerId).exec());
    }

    /** Attaches to the container's stdin, stdout and stderr; returns at once, output goes to {@code output}. */
    public void attach(String containerId, InputStream stdin, RunnerOutputCollector output) {
        call("attach", "attach to container " + containerId, () -> client.attachContainerCmd(containerId)
                .withStdIn(stdin)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .exec(output));
    }

    /** Kills the container with SIGKILL; a container that already stopped or is gone is fine. */
    public void kill(String containerId) {
        try {
            call("kill", "kill container " + containerId,
                    () -> client.killContainerCmd(containerId).withSignal("KILL").exec());
        } catch (NotFoundException | ConflictException e) {
            LOG.debug("container {} was not running: {}", containerId, e.getMessage());
        }
    }

    /**
     * Removes the container, killing it first if it runs; a container that is gone already is fine.
     *
     * @return true when this call removed it; false when it was gone already or someone else is removing it
     */
    public boolean remove(String containerId) {
        try {
            call("remove", "remove container " + containerId,
                    () -> client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec());
            return true;
        } catch (NotFoundException e) {
            LOG.debug("container {} was already removed", containerId);
            return false;
        } catch (ConflictException e) {
            // "removal already in progress": someone else (close(), the janitor) is removing it.
            LOG.debug("container {} is being removed already: {}", containerId, e.getMessage());
            return false;
        }
    }

    /** Exit code and OOM flag of a stopped container, or empty when it is gone. */
    public Optional<ContainerState> inspect(String containerId) {
        try {
            InspectContainerResponse response = call("inspect", "inspect container " + containerId,
                    () -> client.inspectContainerCmd(containerId).exec());
            InspectContainerResponse.ContainerState state = response.getState();
            Long exitCode = state.getExitCodeLong();
            return Optional.of(new ContainerState(Boolean.TRUE.equals(state.getRunning()),
                    exitCode == null ? null : exitCode.intValue(), Boolean.TRUE.equals(state.getOOMKilled())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Containers (running or not) that carry all of the given labels ({@code key} or {@code key=value}). */
    public List<Container> containersLabelled(List<String> labels) {
        return call("list", "list containers",
                () -> client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
    }

    /** State of a container as the engine reports it. */
    public record ContainerState(boolean running, @Nullable Integer exitCode, boolean oomKilled) {
    }

    /**
     * Runs an engine call, translating its faults. {@code operation} is a fixed name for metrics (never an id or an
     * image reference, which would make a label of unbounded cardinality); {@code what} is for messages.
     */
    private <T> T call(String operation, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException | ConflictException e) {
            // Answers the callers expect (gone, already being removed), not faults of the engine.
            throw e;
        } catch (DockerException e) {
            events.engineError(new SandboxListener.EngineError(operation));
            throw new SandboxException("the Docker Engine at " + host + " refused to " + what + ": "
                    + e.getMessage().strip(), e);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || causedByInterrupt(e)) {
                throw new ExecutionInterruptedException("interrupted while trying to " + what, e);
            }
            events.engineError(new SandboxListener.EngineError(operation));
            throw unreachable(what, e);
        }
    }

    private static boolean causedByInterrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            boolean interruptedIo = t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException);
            if (t instanceof InterruptedException || interruptedIo || t instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    private EngineUnavailableException unreachable(String what, Throwable cause) {
        return new EngineUnavailableException("cannot " + what + ": the Docker Engine at " + host
                + " is not reachable (" + rootMessage(cause) + "). Start it (docker/ensure-engine.sh as root, "
                + "`sudo systemctl start docker`, or Docker Desktop) or point DOCKER_HOST at a running engine.", cause);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        try {
            client.close();
            http.close();
        } catch (IOException e) {
            LOG.debug("closing the Docker client failed", e);
        }
    }
}
