package dev.jsandbox.security;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.jsandbox.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An independent view of the Docker Engine for tests: what the engine itself says happened, not what the library
 * believes. Uses its own client, so a fault injected into a sandbox's connection does not blind the witness.
 */
public final class EngineWitness implements AutoCloseable {

    /** Label every container of the library carries (see SandboxLabels in sandbox-docker). */
    public static final String MANAGED = "dev.jsandbox.managed";
    /** Label naming the DockerSandbox instance that created the container. */
    public static final String INSTANCE = "dev.jsandbox.instance";
    /** Label with the epoch second after which anyone may remove the container. */
    public static final String DEADLINE = "dev.jsandbox.deadline";
    /**
     * The only container events the library's own work produces. Anything else for a sandbox container (an
     * {@code archive-path} or {@code extract-to-dir} of docker cp, an {@code exec_create}, a {@code commit}, an
     * {@code export}...) would mean the host reached into a container's file system. {@code update} raises a warm
     * container's CPU weight when it gets its job.
     */
    public static final Set<String> LIBRARY_EVENTS = Set.of("create", "attach", "detach", "start", "kill", "die", "oom",
            "destroy", "stop", "update");
    /**
     * The same work as Podman (4.3) names it: {@code init} (the container prepared before its start), {@code cleanup}
     * (its storage released after its exit) and {@code remove} (Docker's {@code destroy}) come with the library's own
     * create, start and remove. Podman's foreign events ({@code exec}, {@code mount}, {@code export},
     * {@code commit}...) stay foreign.
     */
    public static final Set<String> PODMAN_LIBRARY_EVENTS = Set.of("create", "init", "attach", "detach", "start",
            "kill", "die", "oom", "cleanup", "remove", "stop", "update");
    /**
     * How far past a window's end a query to Podman reaches: Podman (4.3) answers nothing at all when {@code until}
     * has already passed, so it is asked until a moment from now and the window is cut on this side, as it is for
     * Docker.
     */
    private static final Duration PODMAN_UNTIL_MARGIN = Duration.ofSeconds(1);

    private final DockerClient client;
    private volatile Boolean podman;

    private EngineWitness(DockerClient client) {
        this.client = client;
    }

    /**
     * Whether the engine is Podman's Docker-compatible API (a "Podman Engine" component in its version answer, as
     * the library tells it); asked once.
     */
    public boolean isPodman() {
        Boolean known = podman;
        if (known == null) {
            var components = client.versionCmd().exec().getComponents();
            known = components != null && components.stream()
                    .anyMatch(component -> String.valueOf(component.getName()).startsWith("Podman"));
            podman = known;
        }
        return known;
    }

    /** The actions the library's own work produces on this engine ({@link #LIBRARY_EVENTS}, {@link #PODMAN_LIBRARY_EVENTS}). */
    public Set<String> libraryEvents() {
        return isPodman() ? PODMAN_LIBRARY_EVENTS : LIBRARY_EVENTS;
    }

    /** Connects to the engine the default configuration names (DOCKER_HOST, else the local socket). */
    public static EngineWitness connect() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return new EngineWitness(DockerClientImpl.getInstance(config, http));
    }

    /** Every container (running or not) that carries all the labels ({@code key} or {@code key=value}). */
    public List<Container> containers(String... labels) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(labels)).exec();
    }

    /** The sandbox containers any instance of the library left on the engine. */
    public List<Container> libraryContainers() {
        return containers(MANAGED);
    }

    /**
     * Container events of one library instance between two instants (both in the past), oldest first.
     *
     * <p>Podman (4.3) differs in two ways, and both are made good here so that the window holds the same events on
     * either engine: it filters events by nothing but type (a label filter matches none), so the instance is picked
     * from each event's attributes, which carry the container's labels; and it answers nothing when {@code until}
     * has passed, so it is asked {@link #PODMAN_UNTIL_MARGIN} beyond and the window is cut here.
     */
    public List<Event> events(String instanceId, Instant since, Instant until) {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        boolean podman = isPodman();
        var command = client.eventsCmd()
                .withSince(timestamp(since))
                .withUntil(timestamp(podman ? until.plus(PODMAN_UNTIL_MARGIN) : until))
                .withEventTypeFilter(EventType.CONTAINER);
        if (!podman) {
            command.withLabelFilter(Map.of(INSTANCE, instanceId));
        }
        try (ResultCallback.Adapter<Event> callback = command.exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        if (nanos(event) >= nanos(since) && nanos(event) <= nanos(until)
                                && (!podman || instanceId.equals(attribute(event, INSTANCE)))) {
                            events.add(event);
                        }
                    }
                })) {
            if (!callback.awaitCompletion(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the engine did not finish listing events within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading events", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(events);
    }

    /** Ids of the containers that had an event with this action, in order of first appearance. */
    public static List<String> withAction(List<Event> events, String action) {
        return events.stream().filter(e -> action.equals(action(e))).map(Event::getId).distinct().toList();
    }

    /** The event's action without details ({@code exec_create: ls} becomes {@code exec_create}). */
    public static String action(Event event) {
        String action = event.getAction() != null ? event.getAction() : event.getStatus();
        if (action == null) {
            return "";
        }
        int colon = action.indexOf(':');
        return colon < 0 ? action : action.substring(0, colon);
    }

    /**
     * Waits until a job of the instance was attached to a container after {@code since}; returns that container's
     * id.
     *
     * @throws IllegalStateException if none was attached within the timeout
     */
    public String awaitAttach(String instanceId, Instant since, Duration timeout) throws InterruptedException {
        List<String> attached = Poll.until(timeout, () -> withAction(events(instanceId, since, Instant.now()), "attach"),
                ids -> !ids.isEmpty());
        if (attached.isEmpty()) {
            throw new IllegalStateException("no job of sandbox " + instanceId + " was attached within " + timeout);
        }
        return attached.get(0);
    }

    /**
     * Waits until a process whose command line contains {@code commandLinePart} (e.g. {@code main.py}) runs in the
     * container, i.e. the program of the job has started: what tests wait for before they disturb a running
     * program. Asks the engine ({@code docker top}), which records a {@code top} event for the container - so tests
     * that assert on a container's events cannot use this.
     *
     * @throws IllegalStateException if no such process ran within the timeout
     */
    public void awaitProcess(String containerId, String commandLinePart, Duration timeout) throws InterruptedException {
        boolean running = Poll.until(timeout, () -> commandLines(containerId).stream()
                .anyMatch(line -> line.contains(commandLinePart)), Boolean::booleanValue);
        if (!running) {
            throw new IllegalStateException("no process '" + commandLinePart + "' ran in container " + containerId
                    + " within " + timeout + "; it runs " + commandLines(containerId));
        }
    }

    /** The command lines of the processes in a running container; empty when it does not run. */
    private List<String> commandLines(String containerId) {
        try {
            TopContainerResponse top = client.topContainerCmd(containerId).exec();
            int command = List.of(top.getTitles()).indexOf("CMD");
            if (command < 0 || top.getProcesses() == null) {
                return List.of();
            }
            return Arrays.stream(top.getProcesses()).map(process -> process[command]).toList();
        } catch (NotFoundException | ConflictException notRunning) {
            return List.of();
        }
    }

    /** Removes a container, whatever its state; a container that is gone already is fine. */
    public void remove(String containerId) {
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
            // already removed
        }
    }

    /** The raw client, for the few tests that need more (creating a stale container, inspecting one). */
    public DockerClient client() {
        return client;
    }

    private static String attribute(Event event, String name) {
        return event.getActor() == null || event.getActor().getAttributes() == null ? null
                : event.getActor().getAttributes().get(name);
    }

    private static long nanos(Event event) {
        return event.getTimeNano() != null ? event.getTimeNano() : event.getTime() * 1_000_000_000L;
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String timestamp(Instant instant) {
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
