package dev.jsandbox.docker.internal;

import dev.jsandbox.api.ImageMissingException;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.api.SandboxListener;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import dev.jsandbox.spi.LanguageRuntime;
import java.time.Duration;
import java.time.Instant;
import dev.jsandbox.spi.WarmStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates and starts a new container for each job, on the caller's thread. */
public final class FreshContainerLauncher implements ContainerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(FreshContainerLauncher.class);
    /** How long a started container waits for its job before its runner gives up. */
    static final Duration JOB_WAIT = Duration.ofSeconds(60);
    /** Added to the deadline label, so the janitor never removes a container that may still be in use. */
    static final Duration DEADLINE_MARGIN = Duration.ofSeconds(30);
    /**
     * The CPU weight of a container whose warm stage loads before its job exists: a sixteenth of the engine's default
     * (1024), so that this speculative work yields the CPU to every job that runs, and a job handed to a container
     * still loading its tooling is not slowed by its siblings' loading. Raised to {@link #JOB_CPU_SHARES} when the
     * container is given its job. It is a weight, not a cap: alone on the CPU, the warm stage runs at full speed.
     */
    static final int WARMING_CPU_SHARES = 64;
    /** The engine's default CPU weight, which every container has while it runs a job. */
    static final int JOB_CPU_SHARES = 1024;

    private final DockerEngine engine;
    private final ContainerJanitor janitor;
    private final ImageCatalog images;
    private final String instanceId;
    private final @Nullable String ociRuntime;
    private final SandboxEvents events;
    /** Cleared when the engine refuses to change a container's CPU weight: warm stages then load at the default. */
    private volatile boolean cpuWeightAdjustable = true;

    public FreshContainerLauncher(DockerEngine engine, ContainerJanitor janitor, ImageCatalog images,
            String instanceId, @Nullable String ociRuntime) {
        this(engine, janitor, images, instanceId, ociRuntime, SandboxEvents.NONE);
    }

    public FreshContainerLauncher(DockerEngine engine, ContainerJanitor janitor, ImageCatalog images,
            String instanceId, @Nullable String ociRuntime, SandboxEvents events) {
        this.events = events;
        this.engine = engine;
        this.janitor = janitor;
        this.images = images;
        this.instanceId = instanceId;
        this.ociRuntime = ociRuntime;
    }

    @Override
    public Launched launch(LanguageRuntime runtime, Limits limits) {
        return new Launched(launch(runtime, limits, JOB_WAIT), false);
    }

    /** Creates and starts a container whose runner waits {@code jobWait} for its job; no warm stage. */
    public String launch(LanguageRuntime runtime, Limits limits, Duration jobWait) {
        return launch(runtime, limits, jobWait, false).id();
    }

    /** A started container, and whether it waits at the low CPU weight of a loading warm stage. */
    public record Started(String id, boolean warmingCpuWeight) {
    }

    /**
     * Creates and starts a container whose runner waits {@code jobWait} for its job and, when {@code warm} is true
     * and the runtime declares a warm stage, starts that stage at once (see {@link WarmStage} and runner.c), at
     * {@link #WARMING_CPU_SHARES} until {@link #raiseToJobCpuWeight(String)}.
     */
    public Started launch(LanguageRuntime runtime, Limits limits, Duration jobWait, boolean warm) {
        // The longest job this container may get: a compile step and the most test cases a request may carry.
        Duration longestJob = limits.compileTimeout()
                .plus(limits.timeout().plus(ContainerExecution.PER_RUN_SLACK).multipliedBy(limits.maxTestCases()));
        Duration lifetime = jobWait.plus(longestJob).plus(DEADLINE_MARGIN);
        // Named before it exists: if the create call fails half-way (the caller interrupted, the connection cut),
        // the engine may still have made the container, and the name is how it is found and removed.
        String name = "jsandbox-" + UUID.randomUUID();
        Optional<WarmStage> stage = warm ? warmStage(runtime, limits) : Optional.empty();
        boolean warmingCpuWeight = stage.isPresent() && cpuWeightAdjustable;
        HostConfig hostConfig = ContainerPolicy.hostConfig(limits, ociRuntime, engine.isPodman());
        if (warmingCpuWeight) {
            hostConfig.withCpuShares(WARMING_CPU_SHARES);
        }
        String id;
        try {
            id = engine.create(runtime.image(), cmd -> cmd
                    .withName(name)
                    .withCmd(runnerCommand(runtime, limits, jobWait, stage))
                    .withUser(ContainerPolicy.containerUser(ociRuntime))
                    .withWorkingDir(ContainerPolicy.WORKSPACE)
                    .withStdinOpen(true)
                    .withStdInOnce(true)
                    .withAttachStdin(true)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withTty(false)
                    .withNetworkDisabled(true)
                    .withLabels(Map.of(
                            SandboxLabels.MANAGED, "true",
                            SandboxLabels.INSTANCE, instanceId,
                            SandboxLabels.LANGUAGE, runtime.id(),
                            SandboxLabels.DEADLINE, Long.toString(Instant.now().plus(lifetime).getEpochSecond())))
                    .withHostConfig(hostConfig));
        } catch (NotFoundException e) {
            images.forget(runtime.image());
            throw new ImageMissingException(runtime.image(), runtime.buildCommand(), "is not present");
        } catch (RuntimeException e) {
            janitor.removeAbandoned(name, runtime.id());
            if (e instanceof SandboxException && engine.isPodman()
                    && String.valueOf(e.getMessage()).contains("seccomp profile")) {
                throw new SandboxException(e.getMessage() + ". Podman reads the sandbox's seccomp profile from a file "
                        + "this process writes (PodmanSeccompProfile): run the library where Podman's service sees "
                        + "its java.io.tmpdir, e.g. on the same host over a unix socket (SECURITY.md, Podman)", e);
            }
            throw e;
        }
        janitor.own(id);
        // Counted once it exists, whether or not it starts: every created container is removed and counted again.
        events.containerCreated(new SandboxListener.ContainerCreated(runtime.id()));
        try {
            engine.start(id);
        } catch (RuntimeException e) {
            janitor.removeLater(id);
            throw e;
        }
        LOG.debug("started container {} for {}", id, runtime.id());
        return new Started(id, warmingCpuWeight);
    }

    /**
     * Gives a container that waited at {@link #WARMING_CPU_SHARES} the engine's default weight, now that it has its
     * job. An engine that refuses (an older Podman, say) is told once in the log, and later warm stages load at the
     * default weight, as before this existed.
     */
    public void raiseToJobCpuWeight(String containerId) {
        try {
            engine.setCpuShares(containerId, JOB_CPU_SHARES);
        } catch (RuntimeException e) {
            if (cpuWeightAdjustable) {
                cpuWeightAdjustable = false;
                LOG.info("the engine did not change a container's CPU weight ({}); warm stages now load at the default"
                        + " weight", e.getMessage());
            }
        }
    }

    /** The runner's whole command line: the job's user where the runtime needs it (gVisor), then the rest. */
    private List<String> runnerCommand(LanguageRuntime runtime, Limits limits, Duration jobWait,
            Optional<WarmStage> stage) {
        List<String> command = new ArrayList<>(ContainerPolicy.runnerUserArguments(ociRuntime));
        command.addAll(runnerArguments(runtime, limits, jobWait, stage));
        return command;
    }

    /** The runner's command line: its idle timeout, and the warm stage when asked for and declared. */
    static List<String> runnerArguments(LanguageRuntime runtime, Limits limits, Duration jobWait, boolean warm) {
        return runnerArguments(runtime, limits, jobWait, warm ? warmStage(runtime, limits) : Optional.empty());
    }

    private static List<String> runnerArguments(LanguageRuntime runtime, Limits limits, Duration jobWait,
            Optional<WarmStage> stage) {
        List<String> arguments = new ArrayList<>(List.of("--idle-timeout-seconds", Long.toString(jobWait.toSeconds())));
        stage.ifPresent(s -> {
            JobEncoder.environment(s.environment()).forEach(variable -> arguments.addAll(List.of("--warm-env", variable)));
            arguments.add("--warm-serves");
            arguments.add(Integer.toString(s.serves().size()));
            arguments.addAll(s.serves());
            arguments.add("--warm-command");
            arguments.add(Integer.toString(s.command().size()));
            arguments.addAll(s.command());
        });
        return arguments;
    }

    /** A plugin's faulty warm stage costs its speed, never its executions: the container then starts cold. */
    private static Optional<WarmStage> warmStage(LanguageRuntime runtime, Limits limits) {
        try {
            return runtime.warmStage(limits);
        } catch (RuntimeException e) {
            LOG.warn("the warm stage of runtime {} ({}) failed; its containers start without one", runtime.id(),
                    runtime.getClass().getName(), e);
            return Optional.empty();
        }
    }
}
