package dev.jsandbox.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
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
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
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
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long a request may wait for the engine's answer. Every request of ours is short (create, start, kill,
     * remove, inspect, list, version: well under a second, a few seconds on a loaded machine), so an engine silent
     * for this long is hung, and the caller gets an {@link EngineUnavailableException} instead of waiting forever.
     * Attach streams do not use it (see {@link #connect(String, Duration, SandboxEvents)}).
     */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final DockerClient client;
    private final DockerHttpClient http;
    private final DockerClient streamClient;
    private final DockerHttpClient streamHttp;
    private final String host;
    private final Duration responseTimeout;
    private final SandboxEvents events;
    /** Calls sent to the engine per operation, answered or not: what one execution costs the engine. */
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private volatile @Nullable Boolean podman;
    private static final Duration EXIT_RACE_PAUSE = Duration.ofMillis(200);

    private DockerEngine(DockerClientConfig config, DockerHttpClient http, DockerHttpClient streamHttp,
            Duration responseTimeout, SandboxEvents events) {
        this.client = DockerClientImpl.getInstance(config, http);
        this.http = http;
        this.streamClient = DockerClientImpl.getInstance(config, streamHttp);
        this.streamHttp = streamHttp;
        this.host = config.getDockerHost().toString();
        this.responseTimeout = responseTimeout;
        this.events = events;
    }

    /**
     * Connects to {@code dockerHost}, or when null to what docker-java's default configuration says: the
     * {@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH} variables, else the local socket.
     * Requests wait {@link #RESPONSE_TIMEOUT} for an answer. Nothing is sent yet.
     */
    public static DockerEngine connect(@Nullable String dockerHost) {
        return connect(dockerHost, RESPONSE_TIMEOUT, SandboxEvents.NONE);
    }

    /** As {@link #connect(String)}, reporting every refused or failed engine call to {@code events}. */
    public static DockerEngine connect(@Nullable String dockerHost, SandboxEvents events) {
        return connect(dockerHost, RESPONSE_TIMEOUT, events);
    }

    /**
     * As {@link #connect(String)}, with requests waiting at most {@code responseTimeout} for an answer.
     *
     * <p>Attach streams go through a client of their own without a response timeout: a program may stay silent for
     * its whole time limit, and a read timeout would cut its output. Their end is bounded by the execution's own
     * deadlines instead, which kill the container (through the timed client) and close the stream.
     */
    public static DockerEngine connect(@Nullable String dockerHost, Duration responseTimeout, SandboxEvents events) {
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (dockerHost != null) {
            config.withDockerHost(dockerHost);
        }
        DockerClientConfig built = config.build();
        DockerHttpClient http = httpClient(built).responseTimeout(responseTimeout).build();
        DockerHttpClient streamHttp = httpClient(built).build();
        return new DockerEngine(built, http, streamHttp, responseTimeout, events);
    }

    private static ZerodepDockerHttpClient.Builder httpClient(DockerClientConfig config) {
        return new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(CONNECT_TIMEOUT);
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

    /**
     * Whether the engine is Podman's Docker-compatible API (its version answer names a "Podman Engine" component),
     * whose container options differ in places ({@link ContainerPolicy}); asked once.
     */
    public boolean isPodman() {
        Boolean known = podman;
        if (known == null) {
            Version version = call("version", "read the engine version", () -> client.versionCmd().exec());
            known = version.getComponents() != null && version.getComponents().stream()
                    .anyMatch(component -> String.valueOf(component.getName()).startsWith("Podman"));
            podman = known;
        }
        return known;
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
        call("attach", "attach to container " + containerId, () -> streamClient.attachContainerCmd(containerId)
                .withStdIn(stdin)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .exec(output));
    }

    /**
     * Sets the container's CPU weight (cgroup v1 {@code cpu.shares}, v2 {@code cpu.weight}: its share of the CPU when
     * others want it too; no cap). A container that stopped or is gone is fine.
     */
    public void setCpuShares(String containerId, int shares) {
        try {
            call("update", "update container " + containerId,
                    () -> client.updateContainerCmd(containerId).withCpuShares(shares).exec());
        } catch (NotFoundException | ConflictException e) {
            LOG.debug("container {} was not running: {}", containerId, e.getMessage());
        }
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
            try {
                forceRemove(containerId);
            } catch (SandboxException e) {
                // A forced removal that races with the container's own exit is refused by both engines: Podman (4.3)
                // says "could not be stopped: container state improper", Docker (20.10) "Could not kill running
                // container ..., cannot remove - Container ... is not running" (a 500, seen under the benchmark's
                // load). A moment later the container has stopped and the same call succeeds.
                if (!exitRace(e)) {
                    throw e;
                }
                LOG.debug("container {} was stopping while being removed; removing it again", containerId);
                pause(EXIT_RACE_PAUSE);
                forceRemove(containerId);
            }
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

    private void forceRemove(String containerId) {
        call("remove", "remove container " + containerId,
                () -> client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec());
    }

    /** True when the engine refused a forced removal because the container was exiting at that moment. */
    static boolean exitRace(SandboxException refused) {
        String message = String.valueOf(refused.getMessage());
        return message.contains("container state improper")
                || (message.contains("Could not kill running container") && message.contains("is not running"));
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

    /**
     * The memory the container's cgroup holds now, as {@code docker stats} shows it: usage less the inactive file
     * cache, which the kernel reclaims first. Empty when the container is gone or the engine reports nothing within
     * {@code wait}. The engine samples for about a second before it answers.
     */
    public OptionalLong memoryUsage(String containerId, Duration wait) {
        AtomicLong bytes = new AtomicLong(-1);
        CountDownLatch answered = new CountDownLatch(1);
        try {
            call("stats", "read the statistics of container " + containerId, () -> client.statsCmd(containerId)
                    .withNoStream(true)
                    .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<Statistics>() {
                        @Override
                        public void onNext(Statistics statistics) {
                            MemoryStatsConfig memory = statistics.getMemoryStats();
                            if (memory != null && memory.getUsage() != null) {
                                StatsConfig detail = memory.getStats();
                                Long inactive = detail == null ? null : detail.getTotalInactiveFile() != null
                                        ? detail.getTotalInactiveFile() : detail.getInactiveFile();
                                bytes.set(Math.max(0, memory.getUsage() - (inactive == null ? 0 : inactive)));
                            }
                            answered.countDown();
                        }

                        @Override
                        public void onComplete() {
                            answered.countDown();
                        }

                        @Override
                        public void onError(Throwable throwable) {
                            answered.countDown();
                        }
                    }));
            if (!answered.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return OptionalLong.empty();
            }
        } catch (NotFoundException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
        return bytes.get() < 0 ? OptionalLong.empty() : OptionalLong.of(bytes.get());
    }

    /**
     * How many calls this client sent to the engine since it connected, per operation ({@code create},
     * {@code start}, {@code attach}, {@code remove}, ...), sorted by name. For diagnostics and the benchmark.
     */
    public Map<String, Long> callCounts() {
        Map<String, Long> counts = new TreeMap<>();
        calls.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }

    /**
     * Runs a long engine call (an image build, pull or import) on the client without a response timeout, with
     * faults translated as for every other call: a build step may stay silent for minutes. {@code operation} is a
     * fixed name for metrics, {@code what} is for messages.
     */
    public <T> T longCall(String operation, String what, Function<DockerClient, T> call) {
        return call(operation, what, () -> call.apply(streamClient));
    }

    /** Runs a short engine call (inspect, create, remove) on the client with the response timeout, translated. */
    public <T> T shortCall(String operation, String what, Function<DockerClient, T> call) {
        return call(operation, what, () -> call.apply(client));
    }

    /** State of a container as the engine reports it. */
    public record ContainerState(boolean running, @Nullable Integer exitCode, boolean oomKilled) {
    }

    /**
     * Runs an engine call, translating its faults. {@code operation} is a fixed name for metrics (never an id or an
     * image reference, which would make a label of unbounded cardinality); {@code what} is for messages.
     */
    private <T> T call(String operation, String what, Supplier<T> call) {
        calls.computeIfAbsent(operation, name -> new LongAdder()).increment();
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
            // Before the interrupt check: some timeouts are InterruptedIOExceptions without any interrupt.
            Optional<Duration> timeout = timeoutOf(e);
            if (timeout.isPresent() && !Thread.currentThread().isInterrupted()) {
                events.engineError(new SandboxListener.EngineError(operation));
                throw noAnswer(what, timeout.get(), e);
            }
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

    /** The timeout that ended the call: the connect or the response timeout; empty when none did. */
    private Optional<Duration> timeoutOf(Throwable e) {
        boolean readTimedOut = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Apache HttpClient's (shaded) ConnectTimeoutException: matched by name, as the shaded package may move.
            if (t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return Optional.of(CONNECT_TIMEOUT);
            }
            readTimedOut |= t instanceof SocketTimeoutException;
        }
        return readTimedOut ? Optional.of(responseTimeout) : Optional.empty();
    }

    private EngineUnavailableException noAnswer(String what, Duration timeout, Throwable cause) {
        return new EngineUnavailableException("cannot " + what + ": the Docker Engine at " + host
                + " did not answer within " + format(timeout) + " (" + rootMessage(cause) + "). It is hung or "
                + "overloaded: check it with `docker info`, restart it (`sudo systemctl restart docker`, or Docker "
                + "Desktop) or point DOCKER_HOST at an engine that answers.", cause);
    }

    private static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private EngineUnavailableException unreachable(String what, Throwable cause) {
        if (permissionDenied(cause)) {
            // The engine may well be running: "start it" would send the reader the wrong way.
            return new EngineUnavailableException("cannot " + what + ": this process may not use the Docker Engine's"
                    + " socket " + host + " (" + rootMessage(cause) + "). Add the user to the docker group (`sudo"
                    + " usermod -aG docker $USER`, then log in again), run as root, or point DOCKER_HOST at an engine"
                    + " this user may use.", cause);
        }
        return new EngineUnavailableException("cannot " + what + ": the Docker Engine at " + host
                + " is not reachable (" + rootMessage(cause) + "). Start it (docker/ensure-engine.sh as root, "
                + "`sudo systemctl start docker`, or Docker Desktop) or point DOCKER_HOST at a running engine.", cause);
    }

    private static boolean permissionDenied(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            // EACCES on connecting to a Unix socket surfaces as various IOExceptions; the OS's text is the constant.
            if (c instanceof java.nio.file.AccessDeniedException
                    || (c.getMessage() != null && c.getMessage().contains("Permission denied"))) {
                return true;
            }
        }
        return false;
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
        for (AutoCloseable closeable : List.of(client, http, streamClient, streamHttp)) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the Docker client failed", e);
            }
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
