package dev.jsandbox.docker.internal;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import dev.jsandbox.api.Limits;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The container policy, in one place: every flag below is there to stop something, and SECURITY.md explains each.
 * The policy is never relaxed per language or per request; a request may only lower limits.
 */
public final class ContainerPolicy {

    /** The unprivileged user of the base image; it owns nothing in the image and nothing on the host. */
    public static final String USER = "10001:10001";
    /**
     * Under gVisor only, the container's user: root of gVisor's own kernel (the Sentry), whose capabilities are the
     * Sentry's bookkeeping, not the host's (the Sentry itself runs unprivileged in the host's namespaces). The runner
     * (PID 1) keeps it, with only {@link #GVISOR_RUNNER_CAPABILITIES}, and runs every program as {@link #USER}
     * ({@code --job-user}, see runner.c): gVisor does not protect PID 1 from signals of its own namespace
     * (google/gvisor#11836), so the job must not share the runner's uid. Under runc the container's user is
     * {@link #USER} itself and it has no capability: Linux protects PID 1 and honours PR_SET_DUMPABLE there.
     */
    static final String GVISOR_CONTAINER_USER = "0:0";
    /**
     * What the runner needs as root under gVisor, and nothing more: SETUID/SETGID to become the job user (for good in
     * each program, for a moment while it writes the job's files), KILL to end whatever the job left.
     */
    static final List<Capability> GVISOR_RUNNER_CAPABILITIES = List.of(Capability.SETUID, Capability.SETGID,
            Capability.KILL);
    /** Where the job's files live: a tmpfs the program may execute from (compiled binaries run there). */
    public static final String WORKSPACE = "/workspace";
    /** /dev/shm is bounded too: POSIX shared memory must not become an unmetered disk. */
    static final long SHM_BYTES = 8L * 1024 * 1024;
    static final int MAX_OPEN_FILES = 1024;
    /**
     * Under gVisor, the host's pids cgroup counts the sandbox kernel's own threads (about 40 when idle) and a host
     * stub process per guest address space (a fork bomb held at 49 guest processes peaks at about 130 host tasks on
     * the systrap platform): {@link Limits#maxProcesses()} as the host limit would crash gVisor's kernel
     * ("failed to create new OS thread") instead of refusing the program's fork. So under gVisor the program's limit
     * is RLIMIT_NPROC, which gVisor's kernel enforces per sandbox, and the host limit is a wider safety net. (On the
     * older ptrace platform the stubs gain a host thread for every gVisor thread that ran in them, without bound: a
     * fork bomb reaches any safe host limit and gVisor's kernel dies; SECURITY.md, gVisor.)
     */
    static final int GVISOR_HOST_TASKS_BASE = 128;
    /** Under Podman: an RLIMIT_NPROC a service with modest limits can grant (32768 here), above 64 containers of 256 processes. */
    static final int PODMAN_NPROC = 16384;
    static final int GVISOR_HOST_TASKS_PER_PROCESS = 8;

    private ContainerPolicy() {
    }

    /**
     * Whether an OCI runtime name stands for gVisor: {@code runsc}, or a name containing {@code runsc} or
     * {@code gvisor} (e.g. {@code runsc-kvm}), as gVisor's installation guide registers it.
     */
    public static boolean isGvisor(@Nullable String ociRuntime) {
        if (ociRuntime == null) {
            return false;
        }
        String name = ociRuntime.toLowerCase(java.util.Locale.ROOT);
        return name.contains("runsc") || name.contains("gvisor");
    }

    /** The container's user under this runtime: {@link #USER}, or root of gVisor's kernel under gVisor (see above). */
    public static String containerUser(@Nullable String ociRuntime) {
        return isGvisor(ociRuntime) ? GVISOR_CONTAINER_USER : USER;
    }

    /** The runner's options that name the job's user: under gVisor only (see {@link #GVISOR_CONTAINER_USER}). */
    public static List<String> runnerUserArguments(@Nullable String ociRuntime) {
        return isGvisor(ociRuntime) ? List.of("--job-user", USER) : List.of();
    }

    /** The host configuration of a sandbox container under these limits, for a Docker Engine. */
    public static HostConfig hostConfig(Limits limits, @Nullable String ociRuntime) {
        return hostConfig(limits, ociRuntime, false);
    }

    /**
     * The host configuration of a sandbox container under these limits.
     *
     * @param podman whether the engine is Podman: its API refuses the tmpfs options {@code uid=}/{@code gid=} and has
     *     {@code U} (owned by the container's user) for the same effect, and its default process rlimit may exceed
     *     what its service may grant, so the process limit is also set as an rlimit there (below the pids cgroup's);
     *     and its default seccomp profile lets the sandbox user create namespaces, so a profile of ours that refuses
     *     them as Docker's default does is added there ({@link PodmanSeccompProfile})
     */
    public static HostConfig hostConfig(Limits limits, @Nullable String ociRuntime, boolean podman) {
        boolean gvisor = isGvisor(ociRuntime);
        List<Ulimit> ulimits = new java.util.ArrayList<>(List.of(
                new Ulimit("nofile", MAX_OPEN_FILES, MAX_OPEN_FILES),
                new Ulimit("core", 0, 0)));
        if (podman && !gvisor) {
            // Podman's default RLIMIT_NPROC (1048576) fails container start when its service may not grant it. Per
            // uid across the host, like every rlimit, so it is generous: the pids cgroup remains the program's limit.
            ulimits.add(new Ulimit("nproc", PODMAN_NPROC, PODMAN_NPROC));
        }
        if (gvisor) {
            // Counted by gVisor's kernel for the job's user. The runner (root of gVisor's kernel) is not counted, so one
            // less leaves the job what the pids cgroup leaves it under runc, where the runner counts. Not under runc:
            // there RLIMIT_NPROC counts uid 10001's processes across every container on the host.
            int jobProcesses = limits.maxProcesses() - 1;
            ulimits.add(new Ulimit("nproc", jobProcesses, jobProcesses));
        }
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of(
                        WORKSPACE, "rw,exec,nosuid,nodev,size=" + limits.workspaceBytes()
                                + (podman ? ",U" : ",uid=10001,gid=10001") + ",mode=0700",
                        "/tmp", "rw,noexec,nosuid,nodev,size=" + limits.workspaceBytes() + ",mode=1777"))
                .withShmSize(SHM_BYTES)
                .withMemory(limits.memoryBytes())
                .withMemorySwap(limits.memoryBytes())
                .withOomKillDisable(false)
                .withNanoCPUs((long) (limits.cpus() * 1_000_000_000L))
                .withPidsLimit(gvisor
                        ? GVISOR_HOST_TASKS_BASE + (long) GVISOR_HOST_TASKS_PER_PROCESS * limits.maxProcesses()
                        : (long) limits.maxProcesses())
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withUlimits(ulimits)
                .withIpcMode("private")
                .withInit(false)
                .withPrivileged(false)
                .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE))
                .withAutoRemove(false);
        if (gvisor) {
            // For the runner only (see GVISOR_CONTAINER_USER): the programs it starts as USER hold no capability.
            host.withCapAdd(GVISOR_RUNNER_CAPABILITIES.toArray(Capability[]::new));
        }
        if (ociRuntime != null) {
            host.withRuntime(ociRuntime);
        }
        if (podman) {
            PodmanSeccompProfile.apply(host, PodmanSeccompProfile.file());
        }
        return host;
    }
}
