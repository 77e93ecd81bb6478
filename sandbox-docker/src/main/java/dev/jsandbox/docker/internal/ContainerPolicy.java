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
    /** Where the job's files live: a tmpfs the program may execute from (compiled binaries run there). */
    public static final String WORKSPACE = "/workspace";
    /** /dev/shm is bounded too: POSIX shared memory must not become an unmetered disk. */
    static final long SHM_BYTES = 8L * 1024 * 1024;
    static final int MAX_OPEN_FILES = 1024;

    private ContainerPolicy() {
    }

    /** The host configuration of a sandbox container under these limits. */
    public static HostConfig hostConfig(Limits limits, @Nullable String ociRuntime) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of(
                        WORKSPACE, "rw,exec,nosuid,nodev,size=" + limits.workspaceBytes() + ",uid=10001,gid=10001,mode=0700",
                        "/tmp", "rw,noexec,nosuid,nodev,size=" + limits.workspaceBytes() + ",mode=1777"))
                .withShmSize(SHM_BYTES)
                .withMemory(limits.memoryBytes())
                .withMemorySwap(limits.memoryBytes())
                .withOomKillDisable(false)
                .withNanoCPUs((long) (limits.cpus() * 1_000_000_000L))
                .withPidsLimit((long) limits.maxProcesses())
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withUlimits(List.of(
                        new Ulimit("nofile", MAX_OPEN_FILES, MAX_OPEN_FILES),
                        new Ulimit("core", 0, 0)))
                .withIpcMode("private")
                .withInit(false)
                .withPrivileged(false)
                .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE))
                .withAutoRemove(false);
        if (ociRuntime != null) {
            host.withRuntime(ociRuntime);
        }
        return host;
    }
}
