package dev.jsandbox.benchmark;

import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.RuntimeRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Measures, in one run and on one engine: (a) the original design (a {@code docker run --rm} per step), (b) our
 * path with the pool off, (c) our path with the pool on, (d) a bare process on the host. Prints a table and writes
 * it as Markdown.
 *
 * <p>Also measures judge mode ({@link JudgeBenchmark}). Usage: {@code ./benchmark.sh [--runs N] [--duration SECONDS]
 * [--languages a,b] [--tables judge,latency,refill,engine,idle] [--output FILE]}; {@code latency} includes the back-to-back
 * series, throughput and memory; {@code refill} compares refilling the pool when a container is taken with refilling
 * when its execution ended; {@code engine} counts the engine API calls per execution; {@code idle} shows the memory of
 * an idle pre-started container per language. {@code --oci-runtime runsc} adds two latency columns, pool off and on
 * under that OCI runtime (gVisor: docker/ensure-runsc.sh), beside the engine's default runtime.
 */
public final class Benchmark {

    private static final List<Integer> CALLERS = List.of(1, 4, 8);
    private static final int WARM_UP = 3;
    /** Callers of the engine-cost table, as in the throughput target. */
    private static final int ENGINE_CALLERS = 4;
    /**
     * Pause between two latency samples. Latency is measured with requests arriving at a rate the engine sustains
     * (a pre-started container is replaced in about 100-150 ms here); saturation is what the throughput table
     * measures. The pause is outside the timed section, so it changes no path's figure but (c)'s pool state.
     */
    private static final Duration THINK_TIME = Duration.ofMillis(250);

    private final int runs;
    private final Duration duration;
    private final Set<String> languages;
    private final Set<String> tables;
    private final @Nullable String ociRuntime;
    private final StringBuilder report = new StringBuilder();

    private Benchmark(int runs, Duration duration, Set<String> languages, Set<String> tables,
            @Nullable String ociRuntime) {
        this.ociRuntime = ociRuntime;
        this.runs = runs;
        this.tables = tables;
        this.duration = duration;
        this.languages = languages;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int runs = Integer.parseInt(options.getOrDefault("runs", "30"));
        Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "10")));
        Set<String> languages = Set.of(options.getOrDefault("languages", String.join(",", HelloWorlds.BY_LANGUAGE.keySet())).split(","));
        Path output = Path.of(options.getOrDefault("output", "benchmark-results/benchmark.md"));
        Set<String> tables = Set.of(options.getOrDefault("tables", "judge,latency,refill,engine,idle").split(","));
        Benchmark benchmark = new Benchmark(runs, duration, languages, tables, options.get("oci-runtime"));
        benchmark.run();
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, benchmark.report);
        System.out.println("\nwritten to " + output.toAbsolutePath());
    }

    private void run() throws Exception {
        List<LanguageRuntime> runtimes = RuntimeRegistry.discover(Benchmark.class.getClassLoader(), List.of()).runtimes()
                .stream().filter(r -> HelloWorlds.BY_LANGUAGE.containsKey(r.id()) && languages.contains(r.id())).toList();
        line("# jsandbox benchmark");
        line("");
        line("Run " + LocalDateTime.now().withNano(0) + " on " + Runtime.getRuntime().availableProcessors()
                + " CPUs, max heap " + Runtime.getRuntime().maxMemory() / 1048576 + " MiB; " + runs + " runs per cell after "
                + WARM_UP + " warm-up runs, " + THINK_TIME.toMillis() + " ms apart; milliseconds p50 / p95 / p99.");
        line("");
        try (ExecutionPath original = new OriginalDesignPath();
                ExecutionPath poolOff = new SandboxPath("pool off", PoolSettings.disabled());
                ExecutionPath poolOn = new SandboxPath("pool on", PoolSettings.builder().build());
                ExecutionPath bare = new BareProcessPath()) {
            List<ExecutionPath> paths = new ArrayList<>(List.of(original, poolOff, poolOn, bare));
            if (tables.contains("judge")) {
                JudgeBenchmark.table(((SandboxPath) poolOn).sandbox(), List.of("java", "cpp", "python").stream().filter(languages::contains).toList(),
                        Math.max(3, runs / 4), this::line);
            }
            LanguageRuntime python = runtimes.stream().filter(r -> r.id().equals("python")).findFirst().orElse(null);
            if (tables.contains("idle")) {
                idleMemoryTable(runtimes, ((SandboxPath) poolOn).sandbox());
            }
            if (python != null && tables.contains("engine")) {
                engineTable(python, (SandboxPath) poolOn, original);
            }
            if (python != null && tables.contains("refill")) {
                refillTable(python, (SandboxPath) poolOn);
            }
            if (!tables.contains("latency")) {
                return;
            }
            if (ociRuntime == null) {
                latencyTable(runtimes, paths);
            } else {
                try (ExecutionPath otherOff = new SandboxPath("pool off, " + ociRuntime, PoolSettings.disabled(),
                                ociRuntime);
                        ExecutionPath otherOn = new SandboxPath("pool on, " + ociRuntime, PoolSettings.builder().build(),
                                ociRuntime)) {
                    paths.add(otherOff);
                    paths.add(otherOn);
                    latencyTable(runtimes, paths);
                }
            }
            if (python != null) {
                throughputTable(python, List.of(original, poolOff, poolOn));
                memoryUnderLoad(python, poolOn);
            }
        }
    }

    private void latencyTable(List<LanguageRuntime> runtimes, List<ExecutionPath> paths) throws Exception {
        line("## Hello world latency (ms, p50 / p95 / p99)");
        line("");
        line("Spaced: " + THINK_TIME.toMillis() + " ms between calls. Back to back: the next call as soon as one"
                + " returns, on (c)'s sandbox right after its spaced series.");
        line("");
        // With --oci-runtime: (e) and (f), pool off and on under that runtime, and f/c, its cost against (c).
        boolean other = paths.size() > 4;
        line("| program | (a) original design | (b) pool off | (c) pool on | (d) bare process | c/a | c/b | c/d"
                + " | (c) back to back | back to back / c |"
                + (other ? " (e) " + paths.get(4).name() + " | (f) " + paths.get(5).name() + " | f/c |" : ""));
        line("|---|---|---|---|---|---|---|---|---|---|" + (other ? "---|---|---|" : ""));
        Map<String, LanguageRuntime> byId = new LinkedHashMap<>();
        runtimes.forEach(runtime -> byId.put(runtime.id(), runtime));
        List<String> failures = new ArrayList<>();
        for (HelloWorlds.Program program : HelloWorlds.programs(List.copyOf(byId.keySet()))) {
            LanguageRuntime runtime = byId.get(program.language());
            List<Stats> cells = new ArrayList<>();
            for (ExecutionPath path : paths) {
                cells.add(path.supports(runtime) ? latency(path, runtime, program, THINK_TIME, failures)
                        : Stats.of(List.of()));
            }
            ExecutionPath poolOn = paths.get(2);
            Stats backToBack = poolOn.supports(runtime) ? latency(poolOn, runtime, program, Duration.ZERO, failures)
                    : Stats.of(List.of());
            line(String.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", program.label(),
                    cells.get(0).format(), cells.get(1).format(), cells.get(2).format(), cells.get(3).format(),
                    ratio(cells.get(2), cells.get(0)), ratio(cells.get(2), cells.get(1)),
                    ratio(cells.get(2), cells.get(3)), backToBack.format(), ratio(backToBack, cells.get(2)))
                    + (other ? String.format(" %s | %s | %s |", cells.get(4).format(), cells.get(5).format(),
                            ratio(cells.get(5), cells.get(2))) : ""));
        }
        line("");
        if (!failures.isEmpty()) {
            line("n/a where a call did not succeed (the cell's series stopped there): " + String.join("; ", failures));
            line("");
        }
    }

    /** The series' latencies, or an empty one (n/a) noted in {@code failures} when a call did not succeed. */
    private Stats latency(ExecutionPath path, LanguageRuntime runtime, HelloWorlds.Program program, Duration pause,
            List<String> failures) throws Exception {
        try {
            return latency(path, runtime, program.code(), pause);
        } catch (IllegalStateException failed) {
            failures.add(program.label() + " on " + path.name() + (pause.isZero() ? " back to back" : "") + ": "
                    + failed.getMessage().lines().findFirst().orElse(""));
            return Stats.of(List.of());
        }
    }

    private Stats latency(ExecutionPath path, LanguageRuntime runtime, String code, Duration pause) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < WARM_UP + runs; i++) {
            long started = System.nanoTime();
            path.execute(runtime, code);
            if (i >= WARM_UP) {
                millis.add((System.nanoTime() - started) / 1e6);
            }
            if (!pause.isZero()) {
                Thread.sleep(pause.toMillis());
            }
        }
        return Stats.of(millis);
    }

    /**
     * Whether starting the replacement container while the job runs slows the job: Python back to back on two
     * pools that differ only in when they refill. The job's own wall and CPU time come from the runner's report.
     */
    private void refillTable(LanguageRuntime python, SandboxPath onTake) throws Exception {
        line("## Refill when a container is taken, or when its execution ended (Python, " + runs
                + " calls back to back after " + WARM_UP + " warm-up calls)");
        line("");
        line("| refill | caller latency ms p50 / p95 / p99 | pool hits | job wall ms p50 / p95 | job CPU ms p50 / p95 |");
        line("|---|---|---|---|---|");
        try (SandboxPath atEnd = new SandboxPath("pool on, refill at end",
                PoolSettings.builder().refillOnTake(false).build())) {
            for (SandboxPath path : List.of(onTake, atEnd)) {
                refillRow(python, path);
            }
        }
        line("");
    }

    private void refillRow(LanguageRuntime python, SandboxPath path) {
        String code = HelloWorlds.BY_LANGUAGE.get("python");
        List<Double> caller = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        AtomicLong hits = new AtomicLong();
        for (int i = 0; i < WARM_UP + runs; i++) {
            long started = System.nanoTime();
            long before = path.poolHits();
            var result = path.run(python, code);
            if (i >= WARM_UP) {
                caller.add((System.nanoTime() - started) / 1e6);
                wall.add(result.wallTime().toNanos() / 1e6);
                cpu.add(result.cpuTime().toNanos() / 1e6);
                hits.addAndGet(path.poolHits() - before);
            }
        }
        Stats wallStats = Stats.of(wall);
        Stats cpuStats = Stats.of(cpu);
        line(String.format("| %s | %s | %d / %d | %.0f / %.0f | %.0f / %.0f |", path.name(), Stats.of(caller).format(),
                hits.get(), runs, wallStats.p50(), wallStats.p95(), cpuStats.p50(), cpuStats.p95()));
    }

    /**
     * The memory an idle pre-started container holds per language, as the pool measured it from the container's
     * cgroup through the engine (usage less inactive file cache, as {@code docker stats} shows it).
     */
    private void idleMemoryTable(List<LanguageRuntime> runtimes, DockerSandbox sandbox) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && !sandbox.idleMemoryPerContainer().keySet()
                .containsAll(runtimes.stream().map(LanguageRuntime::id).toList())) {
            Thread.sleep(1000);
        }
        Map<String, Long> measured = sandbox.idleMemoryPerContainer();
        line("## Memory of one idle pre-started container (MiB, the container's cgroup as docker stats shows it)");
        line("");
        line("| language | idle memory |");
        line("|---|---|");
        for (LanguageRuntime runtime : runtimes) {
            Long bytes = measured.get(runtime.id());
            line(String.format("| %s | %s |", runtime.id(), bytes == null ? "not measured" : String.format("%.1f",
                    bytes / 1048576.0)));
        }
        line("");
    }

    /**
     * The engine API calls one execution costs: Python at {@value #ENGINE_CALLERS} callers for the duration on the
     * pool-on sandbox, its call counters read before and after. docs/benchmark.md has the CPU side
     * (sandbox-benchmark/engine-cpu.sh wraps this table).
     */
    private void engineTable(LanguageRuntime python, SandboxPath poolOn, ExecutionPath original) throws Exception {
        Map<String, Long> before = poolOn.sandbox().engineCalls();
        long hitsBefore = poolOn.poolHits();
        long[] executions = new long[1];
        Map<String, Double> cpuBefore = HostCpu.snapshot();
        long windowStart = System.currentTimeMillis();
        double rate = throughput(poolOn, python, ENGINE_CALLERS, null, executions);
        long windowEnd = System.currentTimeMillis();
        Map<String, Double> cpuAfter = HostCpu.snapshot();
        Map<String, Long> after = poolOn.sandbox().engineCalls();
        line("## Engine API calls per execution (Python, " + ENGINE_CALLERS + " callers, pool on, "
                + duration.toSeconds() + " s)");
        line("");
        line(String.format("executions: %d (%.1f/s), pool hits: %d, window: %.3f to %.3f (Unix seconds; engine-cpu.sh"
                + " counts the containers every client started on the engine meanwhile)", executions[0], rate,
                poolOn.poolHits() - hitsBefore, windowStart / 1e3, windowEnd / 1e3));
        line("");
        line("| operation | calls | per execution |");
        line("|---|---|---|");
        long total = 0;
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            long calls = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            total += calls;
            if (calls > 0) {
                line(String.format("| %s | %d | %.2f |", entry.getKey(), calls, calls / (double) executions[0]));
            }
        }
        line(String.format("| all | %d | %.2f |", total, total / (double) executions[0]));
        line("");
        Map<String, Double> poolOnCpu = perExecution(cpuBefore, cpuAfter, executions[0]);
        long[] originalExecutions = new long[1];
        Map<String, Double> originalBefore = HostCpu.snapshot();
        double originalRate = throughput(original, python, ENGINE_CALLERS, null, originalExecutions);
        Map<String, Double> originalCpu = perExecution(originalBefore, HostCpu.snapshot(), originalExecutions[0]);
        line(String.format("CPU ms per execution, pool on over the load above, then the original design at %d callers"
                + " for as long (%d executions, %.1f/s). HostCpu.java says where each figure comes from; the engine"
                + " cgroup exists only under engine-cpu.sh; the containers and the machine include whatever else ran"
                + " meanwhile.", ENGINE_CALLERS, originalExecutions[0], originalRate));
        line("");
        line("| party | pool on | original design |");
        line("|---|---|---|");
        for (Map.Entry<String, Double> entry : poolOnCpu.entrySet()) {
            line(String.format("| %s | %.1f | %.1f |", entry.getKey(), entry.getValue(),
                    originalCpu.getOrDefault(entry.getKey(), Double.NaN)));
        }
        line("");
    }

    private static Map<String, Double> perExecution(Map<String, Double> before, Map<String, Double> after,
            long executions) {
        Map<String, Double> millis = new LinkedHashMap<>();
        after.forEach((party, value) -> {
            Double start = before.get(party);
            if (start != null) {
                millis.put(party, (value - start) / 1e6 / executions);
            }
        });
        return millis;
    }

    private void throughputTable(LanguageRuntime python, List<ExecutionPath> paths) throws Exception {
        line("## Python throughput (executions per second, " + duration.toSeconds() + " s per cell)");
        line("");
        line("| callers | " + String.join(" | ", paths.stream().map(ExecutionPath::name).toList()) + " | pool on / original |");
        line("|---|" + "---|".repeat(paths.size()) + "---|");
        for (int callers : CALLERS) {
            List<Double> rates = new ArrayList<>();
            for (ExecutionPath path : paths) {
                rates.add(throughput(path, python, callers, null));
            }
            line(String.format("| %d | %s | %.2fx |", callers,
                    String.join(" | ", rates.stream().map(r -> String.format("%.1f", r)).toList()),
                    rates.get(rates.size() - 1) / rates.get(0)));
        }
        line("");
    }

    private double throughput(ExecutionPath path, LanguageRuntime runtime, int callers, MemorySampler sampler)
            throws Exception {
        return throughput(path, runtime, callers, sampler, new long[1]);
    }

    /** Executions per second of {@code callers} callers for the duration; {@code executions[0]} gets their count. */
    private double throughput(ExecutionPath path, LanguageRuntime runtime, int callers, MemorySampler sampler,
            long[] executions) throws Exception {
        String code = HelloWorlds.BY_LANGUAGE.get(runtime.id());
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        path.execute(runtime, code);
                        done.incrementAndGet();
                        if (sampler != null) {
                            sampler.sample();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            executions[0] = done.get();
            return done.get() / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private void memoryUnderLoad(LanguageRuntime python, ExecutionPath poolOn) throws Exception {
        MemorySampler sampler = new MemorySampler();
        double rate = throughput(poolOn, python, 8, sampler);
        System.gc();
        long afterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        line("## JVM memory under the 8-caller load (pool on)");
        line("");
        line("| executions/s | heap used, max sampled | heap used after GC | heap committed, max | RSS, max |");
        line("|---|---|---|---|---|");
        line(String.format("| %.1f | %.1f MiB | %.1f MiB | %.1f MiB | %.1f MiB |", rate, sampler.maxHeapUsed / 1048576.0,
                afterGc / 1048576.0, sampler.maxHeapCommitted / 1048576.0, sampler.maxRss / 1048576.0));
        line("");
    }

    private static String ratio(Stats numerator, Stats denominator) {
        if (numerator.count() == 0 || denominator.count() == 0) {
            return "n/a";
        }
        return String.format("%.2f", numerator.p50() / denominator.p50());
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--runs N] [--duration SECONDS] [--languages a,b] [--tables judge,latency,refill,engine,idle] [--output FILE] [--oci-runtime NAME]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    /** Samples heap and resident set size while the load runs. */
    private static final class MemorySampler {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private volatile long maxHeapUsed;
        private volatile long maxHeapCommitted;
        private volatile long maxRss;
        private final AtomicLong count = new AtomicLong();

        synchronized void sample() {
            if (count.incrementAndGet() % 4 != 0) {
                return;
            }
            maxHeapUsed = Math.max(maxHeapUsed, memory.getHeapMemoryUsage().getUsed());
            maxHeapCommitted = Math.max(maxHeapCommitted, memory.getHeapMemoryUsage().getCommitted());
            maxRss = Math.max(maxRss, rss());
        }

        private static long rss() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
            return 0;
        }
    }
}
