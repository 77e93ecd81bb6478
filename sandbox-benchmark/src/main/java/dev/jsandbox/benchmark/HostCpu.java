package dev.jsandbox.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent on this host by each party of an execution, read from the kernel's own accounting (so only on the
 * engine's host, as root): the engine daemons from {@code /proc/<pid>/stat} (utime + stime of all their threads, plus
 * the children they reaped), the shims and every short-lived {@code runc} from the cpuacct cgroup that
 * {@code sandbox-benchmark/engine-cpu.sh} moves the daemons into (children inherit it, so the cgroup's
 * {@code cpuacct.usage} holds everything the engine forks, however briefly it lives; the containers' own processes
 * are moved into their container cgroups by runc), the containers' processes from the {@code docker} cpuacct
 * cgroup, this JVM from the management bean, the processes it started and waited for (the original design's docker
 * CLI) from its own cutime and cstime, and the whole machine from {@code /proc/stat}. A part that cannot be
 * read is absent.
 */
final class HostCpu {

    /** Where engine-cpu.sh puts the engine's processes. */
    static final Path ENGINE_CGROUP = Path.of("/sys/fs/cgroup/cpuacct/jsandbox-engine-cost/cpuacct.usage");
    private static final Path CONTAINERS_CGROUP = Path.of("/sys/fs/cgroup/cpuacct/docker/cpuacct.usage");
    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ, 100 on Linux

    private HostCpu() {
    }

    /** CPU nanoseconds per party now; parties that cannot be read here are absent. */
    static Map<String, Double> snapshot() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        daemon("dockerd").ifPresentOrElse(v -> cpu.put("dockerd", v), () -> { });
        daemon("containerd").ifPresentOrElse(v -> cpu.put("containerd", v), () -> { });
        read(ENGINE_CGROUP).ifPresentOrElse(v -> cpu.put("engine cgroup", v), () -> { });
        read(CONTAINERS_CGROUP).ifPresentOrElse(v -> cpu.put("containers", v), () -> { });
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu.put("benchmark JVM", (double) os.getProcessCpuTime());
        }
        children().ifPresentOrElse(v -> cpu.put("benchmark's child processes (docker CLI)", v), () -> { });
        machine().ifPresentOrElse(v -> cpu.put("machine", v), () -> { });
        return cpu;
    }

    private static java.util.Optional<Double> read(Path file) {
        try {
            return java.util.Optional.of(Double.parseDouble(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** utime + stime + cutime + cstime of the process whose command name is {@code comm}. */
    private static java.util.Optional<Double> daemon(String comm) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                try {
                    if (!Files.readString(proc.resolve("comm")).strip().equals(comm)) {
                        continue;
                    }
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // Fields 14-17 of stat (utime, stime, cutime, cstime), counted from after the command name.
                    double ticks = 0;
                    for (int i = 11; i <= 14; i++) {
                        ticks += Double.parseDouble(fields[i]);
                    }
                    return java.util.Optional.of(ticks * TICK_NANOS);
                } catch (IOException | RuntimeException gone) {
                    // The process ended while we looked.
                }
            }
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    /** cutime + cstime of this process: the children it waited for, such as the original design's docker CLI. */
    private static java.util.Optional<Double> children() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return java.util.Optional.of((Double.parseDouble(fields[13]) + Double.parseDouble(fields[14])) * TICK_NANOS);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Busy time of all CPUs: everything in the first line of /proc/stat but idle and iowait. */
    private static java.util.Optional<Double> machine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            double busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Double.parseDouble(fields[i]);
                }
            }
            return java.util.Optional.of(busy * TICK_NANOS);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
