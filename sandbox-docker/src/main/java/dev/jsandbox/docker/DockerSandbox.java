package dev.jsandbox.docker;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.SandboxBusyException;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.OutputListener;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SandboxClosedException;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.api.SandboxHealth;
import dev.jsandbox.api.SandboxActivity;
import dev.jsandbox.api.SandboxListener;
import dev.jsandbox.api.TestCaseResult;
import dev.jsandbox.docker.internal.ContainerExecution;
import dev.jsandbox.docker.internal.ContainerJanitor;
import dev.jsandbox.docker.internal.ContainerLauncher;
import dev.jsandbox.docker.internal.ContainerLostException;
import dev.jsandbox.docker.internal.ContainerPool;
import dev.jsandbox.docker.internal.ExecutionSlots;
import dev.jsandbox.docker.internal.DockerEngine;
import dev.jsandbox.docker.internal.FreshContainerLauncher;
import dev.jsandbox.docker.internal.ImageCatalog;
import dev.jsandbox.docker.internal.JobEncoder;
import dev.jsandbox.docker.internal.JobOutcome;
import dev.jsandbox.docker.internal.JobPreparation;
import dev.jsandbox.docker.internal.LiveOutput;
import dev.jsandbox.docker.internal.PoolPolicy;
import dev.jsandbox.docker.internal.QuietThreads;
import dev.jsandbox.docker.internal.ResultAssembler;
import dev.jsandbox.docker.internal.SandboxEvents;
import dev.jsandbox.docker.internal.SandboxLabels;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import dev.jsandbox.spi.RuntimeRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CodeSandbox} that runs every execution in a fresh Docker container under a fixed policy: no network,
 * read-only root file system with small tmpfs areas, memory without swap, a process limit, a CPU throttle, all
 * capabilities dropped, no new privileges, an unprivileged user, no host mounts and no host environment. Each
 * container serves exactly one execution and is always removed.
 *
 * <pre>{@code
 * try (CodeSandbox sandbox = DockerSandbox.builder().build()) {
 *     ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", "print('Hello World!')"));
 *     System.out.print(result.stdout());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Runtimes come from {@link java.util.ServiceLoader} (add a language module to the class path) and
 * from {@link Builder#runtime(LanguageRuntime)}.
 */
public final class DockerSandbox implements CodeSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(DockerSandbox.class);

    private final String instanceId = UUID.randomUUID().toString();
    private final DockerEngine engine;
    private final RuntimeRegistry runtimes;
    private final Limits limits;
    private final ExecutionSlots slots;
    private final ImageCatalog images;
    private final ContainerJanitor janitor;
    private final FreshContainerLauncher freshLauncher;
    private final ContainerPool pool;
    private final ExecutorService attachThreads;
    /** One per streaming execution, handing its output to the caller's listener. */
    private final ExecutorService outputThreads;
    private final ContainerExecution execution;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SandboxEvents events;
    private final @Nullable ImageBuildOptions imageBuild;

    private DockerSandbox(Builder builder, RuntimeRegistry runtimes) {
        this.imageBuild = builder.imageBuild;
        this.runtimes = runtimes;
        this.events = new SandboxEvents(List.copyOf(builder.listeners));
        this.limits = builder.limits;
        int maxConcurrentExecutions = builder.maxConcurrentExecutions != null ? builder.maxConcurrentExecutions
                : Math.max(1, (int) (Runtime.getRuntime().availableProcessors() / limits.cpus()));
        // A refused caller is told to come back after one execution timeout: by then a slot has most likely freed.
        this.slots = new ExecutionSlots(maxConcurrentExecutions, builder.maxQueuedExecutions,
                Duration.ofSeconds(Math.max(1, (limits.timeout().toMillis() + 999) / 1000)));
        this.engine = DockerEngine.connect(builder.dockerHost, events);
        this.images = new ImageCatalog(engine);
        this.janitor = new ContainerJanitor(engine, instanceId, events);
        this.freshLauncher = new FreshContainerLauncher(engine, janitor, images, instanceId, builder.ociRuntime,
                events);
        PoolSettings pool = builder.pool;
        this.pool = new ContainerPool(freshLauncher, janitor, limits,
                new PoolPolicy(pool::minIdle, pool.maxIdle(), pool.budget(), pool.idleExpiry(), pool.maxIdleMemory(),
                        pool.refillOnTake()),
                id -> engine.memoryUsage(id, Duration.ofSeconds(5)));
        this.attachThreads = Executors.newCachedThreadPool(QuietThreads.factory("jsandbox-attach"));
        this.outputThreads = Executors.newCachedThreadPool(QuietThreads.factory("jsandbox-output"));
        this.execution = new ContainerExecution(engine, janitor, attachThreads);
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        return execute(request, (LiveOutput) null);
    }

    /**
     * Executes like {@link #execute(ExecutionRequest)} and streams the output to {@code listener} while the program
     * runs: each chunk as the container's frames arrive, on a delivery thread of its own, so a slow listener never
     * holds up the container or the engine's stream. When the listener falls behind, what arrived meanwhile is
     * coalesced into larger chunks; the queue holds at most what the result itself holds (the output caps apply),
     * and the result is complete whatever the listener does. Returns after the listener was given everything.
     */
    @Override
    public ExecutionResult execute(ExecutionRequest request, OutputListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        ensureOpen();
        LiveOutput live = new LiveOutput(listener, outputThreads);
        try {
            ExecutionResult result = execute(request, live);
            live.finish();
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionInterruptedException("interrupted while handing the output to its listener; the"
                    + " execution had ended and its container is removed", e);
        } finally {
            live.cancel();
        }
    }

    private ExecutionResult execute(ExecutionRequest request, @Nullable LiveOutput live) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        Limits effective = limits.narrowedBy(request.limitOverrides());
        LanguageRuntime runtime = runtimes.resolve(request.language());
        ExecutionPlan plan = RuntimeRegistry.plan(runtime, new PlanRequest(request.code(), request.files(), effective));
        JobEncoder.Job job = JobPreparation.job(request, plan, effective);
        images.require(runtime);
        long queued = System.nanoTime();
        try {
            slots.acquire();
        } catch (SandboxBusyException busy) {
            events.executionRejected(new SandboxListener.ExecutionRejected(runtime.id()));
            throw busy;
        }
        Duration queueWait = Duration.ofNanos(System.nanoTime() - queued);
        try {
            ensureOpen();
            long acquiring = System.nanoTime();
            ContainerLauncher.Launched container = pool.launch(runtime, effective);
            events.containerAcquired(new SandboxListener.ContainerAcquired(runtime.id(), container.prestarted(),
                    Duration.ofNanos(System.nanoTime() - acquiring)));
            JobOutcome outcome;
            try {
                outcome = execution.run(container.containerId(), runtime.id(), job, live);
            } catch (ContainerLostException lost) {
                if (!container.prestarted()) {
                    throw containerLost(lost);
                }
                // A pre-started container can die while it waits (an engine restart kills them all). The job
                // never started in it, so it runs in a fresh container instead.
                LOG.info("pre-started container was lost ({}); running the job in a fresh one", lost.getMessage());
                String fresh = freshLauncher.launch(runtime, effective).containerId();
                try {
                    outcome = execution.run(fresh, runtime.id(), job, live);
                } catch (ContainerLostException lostAgain) {
                    throw containerLost(lostAgain);
                }
            }
            ExecutionResult result = ResultAssembler.assemble(request, outcome).toBuilder().queueWait(queueWait).build();
            events.executionFinished(finished(runtime.id(), request, result, outcome.warmStart()));
            return result;
        } finally {
            slots.release();
            pool.replenish(runtime);
        }
    }

    /** The metrics' view of a result: run time summed and peak memory maxed over the test cases that ran. */
    private static SandboxListener.ExecutionFinished finished(String language, ExecutionRequest request,
            ExecutionResult result, boolean warmStart) {
        Duration runTime = result.wallTime();
        Long peak = result.peakMemoryBytes();
        if (!result.testCases().isEmpty()) {
            runTime = Duration.ZERO;
            peak = null;
            for (TestCaseResult testCase : result.testCases()) {
                runTime = runTime.plus(testCase.result().wallTime());
                Long casePeak = testCase.result().peakMemoryBytes();
                if (casePeak != null && (peak == null || casePeak > peak)) {
                    peak = casePeak;
                }
            }
        }
        return new SandboxListener.ExecutionFinished(language, result.status(), result.verdict(), result.queueWait(),
                result.compileTime(), runTime, peak, request.testCases().size(), warmStart);
    }

    /**
     * What this sandbox is doing now, from its own counters: running and queued executions and idle pre-started
     * containers per language (every language has an entry). Never talks to the engine, so it is cheap enough for
     * every metrics scrape; {@link #health()} does talk to it.
     */
    public SandboxActivity activity() {
        Map<String, Integer> idle = new TreeMap<>();
        for (LanguageRuntime runtime : runtimes.runtimes()) {
            idle.put(runtime.id(), 0);
        }
        idle.putAll(pool.idleCounts());
        return new SandboxActivity(slots.running(), slots.queued(), idle);
    }

    @Override
    public List<LanguageInfo> languages() {
        List<LanguageInfo> languages = new ArrayList<>();
        for (LanguageRuntime runtime : runtimes.runtimes()) {
            Optional<Map<String, String>> labels = imageLabels(runtime.image());
            languages.add(new LanguageInfo(runtime.id(), runtime.displayName(),
                    labels.map(l -> l.get(runtime.versionLabel())).orElse("unknown"),
                    runtime.aliases(), runtime.fileExtension(), runtime.compiled(), runtime.image(),
                    labels.isPresent()));
        }
        return List.copyOf(languages);
    }

    @Override
    public SandboxHealth health() {
        if (closed.get()) {
            return health(SandboxHealth.Status.DOWN, null, Map.of(), List.of("the sandbox is closed"), Map.of());
        }
        String version;
        try {
            version = engine.version();
        } catch (SandboxException e) {
            return health(SandboxHealth.Status.DOWN, null, Map.of(), List.of(e.getMessage()), Map.of());
        }
        Map<String, Boolean> present = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>(runtimes.loadProblems());
        for (LanguageRuntime runtime : runtimes.runtimes()) {
            boolean found = present.computeIfAbsent(runtime.image(), image -> imageLabels(image).isPresent());
            if (!found) {
                problems.add("image " + runtime.image() + " of " + runtime.id() + " is missing; build it with: "
                        + runtime.buildCommand());
            }
        }
        SandboxHealth.Status status = present.containsValue(false) ? SandboxHealth.Status.DEGRADED : SandboxHealth.Status.UP;
        return health(status, version, present, problems, pool.idleCounts());
    }

    private SandboxHealth health(SandboxHealth.Status status, @Nullable String version, Map<String, Boolean> images,
            List<String> problems, Map<String, Integer> idle) {
        return new SandboxHealth(status, version, images, slots.running(), slots.maxRunning(), problems, idle,
                slots.queued(), slots.maxQueued());
    }

    /** Removes every container this instance started, then releases the engine connection. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.debug("closing sandbox {}", instanceId);
        pool.close();
        janitor.close();
        attachThreads.shutdownNow();
        outputThreads.shutdownNow();
        engine.close();
    }

    /** The id in the {@code dev.jsandbox.instance} label of every container this sandbox creates. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Ids of the containers of this sandbox that the engine still holds (running, stopped or being removed), except
     * the pre-started ones waiting for a job: after all executions returned and their removal finished, this is
     * empty. Asks the engine; meant for diagnostics and tests.
     */
    public List<String> liveContainers() {
        Set<String> idle = pool.idleContainerIds();
        return engine.containersLabelled(List.of(SandboxLabels.INSTANCE + "=" + instanceId)).stream()
                .map(container -> container.getId())
                .filter(id -> !idle.contains(id))
                .toList();
    }

    /**
     * How many calls this sandbox sent to the engine since it was built, per operation ({@code create},
     * {@code start}, {@code attach}, {@code remove}, {@code inspect}, {@code list}, {@code stats}, ...). Never talks to
     * the engine; meant for diagnostics and the benchmark, which divides it by the executions to show what one
     * execution costs the engine.
     */
    public Map<String, Long> engineCalls() {
        return engine.callCounts();
    }

    /**
     * The memory one idle pre-started container holds, per language id, as last measured from its cgroup; languages
     * not measured yet are absent. Never talks to the engine; meant for diagnostics and the benchmark.
     */
    public Map<String, Long> idleMemoryPerContainer() {
        return pool.idleMemoryPerContainer();
    }

    /** Where this sandbox's engine is, e.g. {@code unix:///var/run/docker.sock}. */
    public String dockerHost() {
        return engine.host();
    }

    @Override
    public Limits limits() {
        return limits;
    }

    private Optional<Map<String, String>> imageLabels(String image) {
        try {
            return images.find(image);
        } catch (EngineUnavailableException e) {
            return Optional.empty();
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new SandboxClosedException("this sandbox is closed; create a new one");
        }
    }

    /** The public form of an internal fault: callers can only catch what the API names. */
    private EngineUnavailableException containerLost(ContainerLostException lost) {
        return new EngineUnavailableException(lost.getMessage() + ", so nothing of the program ran: the Docker Engine at "
                + engine.host() + " stopped or removed the container (an engine restart, or something that removes"
                + " running containers, such as `docker rm -f` or a cleanup job). Retry the execution; if this keeps"
                + " happening, check the engine's log and stop whatever removes containers labelled "
                + SandboxLabels.MANAGED + ".", lost);
    }

    private void start() {
        try {
            engine.version();
            int removed = janitor.removeExpired();
            if (imageBuild != null) {
                try (ImageBuilder builder = ImageBuilder.over(engine, imageBuild)) {
                    builder.buildMissing(runtimes.runtimes());
                }
            }
            events.sandboxStarted(new SandboxListener.SandboxStarted(this::activity));
            pool.warmUp(runtimes.runtimes().stream().filter(runtime -> imageLabels(runtime.image()).isPresent()).toList());
            LOG.info("sandbox {} connected to {} with runtimes {} (removed {} expired containers)", instanceId,
                    engine.host(), runtimes.runtimes().stream().map(LanguageRuntime::id).toList(), removed);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Builds a {@link DockerSandbox}. Every setting has a default; {@link #build()} connects to the engine.
     */
    public static final class Builder {
        /** See {@link #maxQueuedExecutions(int)}. */
        public static final int DEFAULT_MAX_QUEUED_EXECUTIONS = 64;

        private @Nullable String dockerHost;
        private Limits limits = Limits.defaults();
        private final List<LanguageRuntime> explicitRuntimes = new ArrayList<>();
        private @Nullable ClassLoader classLoader;
        private boolean discoverRuntimes = true;
        private @Nullable Integer maxConcurrentExecutions;
        private int maxQueuedExecutions = DEFAULT_MAX_QUEUED_EXECUTIONS;
        private @Nullable String ociRuntime;
        private PoolSettings pool = PoolSettings.builder().build();
        private final List<SandboxListener> listeners = new ArrayList<>();
        private @Nullable ImageBuildOptions imageBuild;

        private Builder() {
        }

        /**
         * Whether {@link #build()} builds the images that are missing or outdated (the sandbox base image and the
         * image of every runtime that declares an {@link dev.jsandbox.spi.ImageRecipe}), through the engine, before
         * containers are pre-started; see {@link ImageBuilder}. A first build takes minutes and needs Debian's
         * mirrors (and a registry or debootstrap for the base image); later starts find the images up to date in a
         * second. Default: false - nothing is built, and executing a language whose image is missing throws
         * {@link dev.jsandbox.api.ImageMissingException}, which names the command that builds it (the images are
         * normally built at deployment: {@code java -jar jsandbox-server.jar images build}).
         */
        public Builder buildMissingImages(boolean buildMissingImages) {
            this.imageBuild = buildMissingImages ? ImageBuildOptions.defaults() : null;
            return this;
        }

        /**
         * As {@link #buildMissingImages(boolean) buildMissingImages(true)}, with these options (a CA bundle for a
         * TLS-inspecting proxy, a root image, ...). Default: images are not built.
         */
        public Builder buildMissingImages(ImageBuildOptions options) {
            this.imageBuild = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Registers a listener for executions, containers and engine faults, e.g. sandbox-micrometer's
         * {@code MicrometerSandboxMetrics}; may be called several times, listeners hear events in registration order.
         * A listener that throws is logged at debug level and otherwise ignored: it never breaks an execution.
         * Default: none.
         */
        public Builder listener(SandboxListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * How many containers to start ahead of demand; see {@link PoolSettings}. Default:
         * {@code PoolSettings.builder().build()} - one idle container per language, up to 8 under load, a budget of
         * 64 containers, 60 s expiry, at most 1 GiB of idle memory, refill when a container is taken. {@link PoolSettings#disabled()} starts every container on demand.
         */
        public Builder pool(PoolSettings pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /**
         * The engine to use, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://host:2376}. Default: what
         * docker-java's standard configuration says ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY},
         * {@code DOCKER_CERT_PATH}), else the local socket.
         */
        public Builder dockerHost(String dockerHost) {
            this.dockerHost = Objects.requireNonNull(dockerHost, "dockerHost");
            return this;
        }

        /** The limits of every execution; requests may only lower them. Default: {@link Limits#defaults()}. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Registers a runtime explicitly, in addition to the discovered ones; it replaces a discovered runtime with
         * the same id. Default: none.
         */
        public Builder runtime(LanguageRuntime runtime) {
            explicitRuntimes.add(Objects.requireNonNull(runtime, "runtime"));
            return this;
        }

        /** The class loader runtimes are discovered with. Default: the thread's context class loader. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /** Whether to discover runtimes with {@link java.util.ServiceLoader}. Default: true. */
        public Builder discoverRuntimes(boolean discoverRuntimes) {
            this.discoverRuntimes = discoverRuntimes;
            return this;
        }

        /**
         * How many executions may run at once; further calls wait for a slot (time spent waiting does not count
         * against an execution's timeout). Default: the processors divided by {@link Limits#cpus()}, at least 1 -
         * more would make programs share a CPU and time out on work that fits their limit.
         */
        public Builder maxConcurrentExecutions(int maxConcurrentExecutions) {
            if (maxConcurrentExecutions < 1 || maxConcurrentExecutions > 1024) {
                throw new IllegalArgumentException(
                        "maxConcurrentExecutions must be between 1 and 1024, was " + maxConcurrentExecutions);
            }
            this.maxConcurrentExecutions = maxConcurrentExecutions;
            return this;
        }

        /**
         * How many calls may wait for an execution slot when all are taken; a call beyond them is refused at once
         * with {@link SandboxBusyException}, whose {@link SandboxBusyException#retryAfter()} is one execution
         * timeout. Waiting calls are served in arrival order. Default 64; 0 refuses every call that finds no free
         * slot. Between 0 and 100,000.
         */
        public Builder maxQueuedExecutions(int maxQueuedExecutions) {
            if (maxQueuedExecutions < 0 || maxQueuedExecutions > 100_000) {
                throw new IllegalArgumentException(
                        "maxQueuedExecutions must be between 0 and 100000, was " + maxQueuedExecutions);
            }
            this.maxQueuedExecutions = maxQueuedExecutions;
            return this;
        }

        /**
         * The OCI runtime containers run under, e.g. {@code runsc} for gVisor's stronger kernel boundary; it must be
         * registered with the engine. Default: the engine's default runtime (usually {@code runc}).
         */
        public Builder ociRuntime(String ociRuntime) {
            this.ociRuntime = Objects.requireNonNull(ociRuntime, "ociRuntime");
            return this;
        }

        /**
         * Discovers the runtimes, connects to the engine, removes containers that earlier processes left behind
         * past their deadline, and builds missing images when {@link #buildMissingImages(boolean)} says so.
         *
         * @throws IllegalStateException if two runtimes claim the same language name, or an id is malformed
         * @throws EngineUnavailableException if the engine cannot be reached; the message says how to start it
         * @throws SandboxException if building a missing image failed; the message says why and what to do
         */
        public DockerSandbox build() {
            ClassLoader loader = classLoader != null ? classLoader
                    : Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                            .orElse(DockerSandbox.class.getClassLoader());
            RuntimeRegistry registry = discoverRuntimes ? RuntimeRegistry.discover(loader, explicitRuntimes)
                    : RuntimeRegistry.of(explicitRuntimes);
            DockerSandbox sandbox = new DockerSandbox(this, registry);
            sandbox.start();
            return sandbox;
        }
    }
}
