package dev.jsandbox.docker.internal;

import com.github.dockerjava.api.model.HostConfig;
import dev.jsandbox.api.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The seccomp profile of sandbox containers under Podman, the one part of the container policy that Podman's
 * defaults do not already give.
 *
 * <p>Why: Docker's default seccomp profile refuses a process without {@code CAP_SYS_ADMIN} the calls that create
 * namespaces ({@code unshare}, {@code setns}, {@code clone} with a namespace flag, {@code clone3}) and the mount
 * calls; Podman's default profile ({@code /usr/share/containers/seccomp.json}, made for nested rootless containers)
 * allows them, so the sandbox user could create user, mount and network namespaces and reach the kernel code behind
 * them. {@code no-new-privileges} and dropping every capability do not stop that: an unprivileged user namespace
 * needs no capability.
 *
 * <p>What: {@code podman-seccomp.json} (a resource next to this class) is Podman 4.3.1's own default profile
 * (Debian's {@code /usr/share/containers/seccomp.json}, containers-common 0.50.1) with those calls taken out of its
 * allow list, {@code clone} allowed only without namespace flags, {@code clone3} answered with ENOSYS (the C library
 * then falls back to {@code clone}), and {@code unshare}, the mount calls, {@code pivot_root}, {@code syslog} and
 * {@code keyctl} refused with EPERM: what Docker's default profile does for a process without capabilities. Nothing
 * else changes, and every call taken away is one Docker's default refuses too, so no program that runs under Docker
 * loses anything. Each rule added says why in its {@code comment}.
 *
 * <p>How: Podman's compatible API takes {@code seccomp=} in {@code HostConfig.SecurityOpt} as the path of a file on
 * the engine's host (4.3 answers "file name too long" to the JSON content the docker CLI sends). So the profile is
 * written once per JVM to a file of its own (random name, in {@code java.io.tmpdir}, readable by all, writable by
 * its owner only) and that path is passed. This needs the library and Podman's service to see the same file system,
 * as they do over a local unix socket; if they do not, Podman refuses every container ("opening seccomp profile
 * failed") rather than running it without the profile.
 */
public final class PodmanSeccompProfile {

    /** The profile, a resource next to this class. */
    static final String RESOURCE = "podman-seccomp.json";
    private static @Nullable Path written;
    /** The file as written (device and inode): what is at the path must still be that file, not a link or a copy. */
    private static @Nullable Object writtenKey;

    private PodmanSeccompProfile() {
    }

    /** The profile's bytes, as shipped. */
    static byte[] content() {
        try (InputStream in = PodmanSeccompProfile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path of sandbox-docker");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The host configuration with the seccomp option for this profile file added to its security options. */
    public static HostConfig apply(HostConfig host, Path profile) {
        List<String> options = new ArrayList<>(host.getSecurityOpts() == null ? List.of() : host.getSecurityOpts());
        options.add(securityOpt(profile));
        return host.withSecurityOpts(options);
    }

    /** {@code seccomp=<path>}: what Podman's compatible API reads as a profile file on its host. */
    static String securityOpt(Path profile) {
        return "seccomp=" + profile.toAbsolutePath();
    }

    /**
     * The file Podman reads the profile from: written on first use, and again if it has gone (a temporary-file
     * cleaner); removed when the JVM exits.
     *
     * @throws SandboxException if it cannot be written
     */
    public static synchronized Path file() {
        Path path = written;
        if (path != null && isStill(path, writtenKey)) {
            return path;
        }
        try {
            // createTempFile: a new file (O_EXCL) of a random name, so nobody can have planted or linked it before.
            path = Files.createTempFile("jsandbox-podman-seccomp-", ".json");
            Files.write(path, content());
            // Readable by a Podman service of another user; only this process may change it.
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // Not a POSIX file system: its default permissions apply.
            }
            path.toFile().deleteOnExit();
            written = path;
            writtenKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return path;
        } catch (IOException e) {
            throw new SandboxException("cannot write the seccomp profile that containers need under Podman to "
                    + System.getProperty("java.io.tmpdir") + " (" + e + "); point java.io.tmpdir at a directory this "
                    + "process may write and Podman's service may read", e);
        }
    }

    /**
     * Whether the path still holds the file this class wrote. A cleaner of temporary files may remove it; whoever
     * puts something at the same path then (a link to a laxer profile, a file of their own) must not be passed on.
     */
    private static boolean isStill(Path path, @Nullable Object key) {
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return now.isRegularFile() && key != null && key.equals(now.fileKey());
        } catch (IOException gone) {
            return false;
        }
    }
}
