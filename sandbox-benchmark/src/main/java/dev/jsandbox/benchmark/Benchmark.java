package dev.jsandbox.benchmark;

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
 * [--languages a,b] [--tables judge,latency] [--output FILE] [--oci-runtime NAME]}; {@code latency} includes
 * throughput and memory. {@code --oci-runtime runsc} adds two latency columns, pool off and on under that OCI
 * runtime (gVisor: docker/ensure-runsc.sh), beside the engine's default runtime.
 */
public final class Benchmark {

    private static final List<Integer> CALLERS = List.of(1, 4, 8);
    private static final int WARM_UP = 3;
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
        Set<String> tables = Set.of(options.getOrDefault("tables", "judge,latency").split(","));
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
            try (ExecutionPath otherOff = ociRuntime == null ? null
                            : new SandboxPath("pool off, " + ociRuntime, PoolSettings.disabled(), ociRuntime);
                    ExecutionPath otherOn = ociRuntime == null ? null
                            : new SandboxPath("pool on, " + ociRuntime, PoolSettings.builder().build(), ociRuntime)) {
                if (otherOff != null) {
                    paths.add(otherOff);
                    paths.add(otherOn);
                }
                run(runtimes, paths, original, poolOff, poolOn);
            }
        }
    }

    private void run(List<LanguageRuntime> runtimes, List<ExecutionPath> paths, ExecutionPath original,
            ExecutionPath poolOff, ExecutionPath poolOn) throws Exception {
        if (tables.contains("judge")) {
            JudgeBenchmark.table(((SandboxPath) poolOn).sandbox(), List.of("java", "cpp", "python").stream().filter(languages::contains).toList(),
                    Math.max(3, runs / 4), this::line);
        }
        if (!tables.contains("latency")) {
            return;
        }
        latencyTable(runtimes, paths);
        LanguageRuntime python = runtimes.stream().filter(r -> r.id().equals("python")).findFirst().orElse(null);
        if (python != null) {
            throughputTable(python, List.of(original, poolOff, poolOn));
            memoryUnderLoad(python, poolOn);
        }
    }

    private void latencyTable(List<LanguageRuntime> runtimes, List<ExecutionPath> paths) throws Exception {
        line("## Hello world latency (ms, p50 / p95 / p99)");
        line("");
        // With --oci-runtime: (e) and (f), pool off and on under that runtime, and f/c, its cost against (c).
        boolean other = paths.size() > 4;
        line("| language | (a) original design | (b) pool off | (c) pool on | (d) bare process | c/a | c/b | c/d |"
                + (other ? " (e) " + paths.get(4).name() + " | (f) " + paths.get(5).name() + " | f/c |" : ""));
        line("|---|---|---|---|---|---|---|---|" + (other ? "---|---|---|" : ""));
        for (LanguageRuntime runtime : runtimes) {
            String code = HelloWorlds.BY_LANGUAGE.get(runtime.id());
            List<Stats> cells = new ArrayList<>();
            for (ExecutionPath path : paths) {
                cells.add(path.supports(runtime) ? latency(path, runtime, code) : Stats.of(List.of()));
            }
            line(String.format("| %s | %s | %s | %s | %s | %s | %s | %s |", runtime.id(), cells.get(0).format(),
                    cells.get(1).format(), cells.get(2).format(), cells.get(3).format(),
                    ratio(cells.get(2), cells.get(0)), ratio(cells.get(2), cells.get(1)), ratio(cells.get(2), cells.get(3)))
                    + (other ? String.format(" %s | %s | %s |", cells.get(4).format(), cells.get(5).format(),
                            ratio(cells.get(5), cells.get(2))) : ""));
        }
        line("");
    }

    private Stats latency(ExecutionPath path, LanguageRuntime runtime, String code) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < WARM_UP + runs; i++) {
            long started = System.nanoTime();
            path.execute(runtime, code);
            if (i >= WARM_UP) {
                millis.add((System.nanoTime() - started) / 1e6);
            }
            Thread.sleep(THINK_TIME.toMillis());
        }
        return Stats.of(millis);
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
                throw new IllegalArgumentException("usage: [--runs N] [--duration SECONDS] [--languages a,b] [--tables judge,latency] [--output FILE] [--oci-runtime NAME]");
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
