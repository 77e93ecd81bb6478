package dev.jsandbox.docker.internal;

import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Debian bookworm root image the sandbox base image is built on: the one named, one already present,
 * one pulled from the registry, or, when no registry is reachable, one made on this machine with {@code debootstrap}
 * from a Debian mirror (Linux and root only) and imported as {@value #BOOTSTRAP_IMAGE}.
 */
public final class RootImage {

    private static final Logger LOG = LoggerFactory.getLogger(RootImage.class);
    /** The image the registry offers. */
    public static final String REGISTRY_IMAGE = "debian:bookworm-slim";
    /** The image made with debootstrap when no registry is reachable. */
    public static final String BOOTSTRAP_IMAGE = "jsandbox/debian-bootstrap:bookworm";
    private static final Duration PULL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DEBOOTSTRAP_TIMEOUT = Duration.ofMinutes(30);

    private final ImageBuildCalls calls;
    private final String debianMirror;

    public RootImage(ImageBuildCalls calls, String debianMirror) {
        this.calls = calls;
        this.debianMirror = debianMirror;
    }

    /**
     * The root image to build on.
     *
     * @param named the image the caller named, or null to find one
     * @throws SandboxException when there is none and none can be made; the message says what to do
     */
    public String resolve(@Nullable String named) {
        if (named != null) {
            if (calls.inspect(named).isEmpty() && !calls.pull(named, PULL_TIMEOUT)) {
                throw new SandboxException("the root image " + named + " is neither present in the engine at "
                        + calls.host() + " nor pullable; load it (`docker load`) or name another one");
            }
            return named;
        }
        for (String candidate : List.of(REGISTRY_IMAGE, BOOTSTRAP_IMAGE)) {
            if (calls.inspect(candidate).isPresent()) {
                return candidate;
            }
        }
        LOG.info("pulling {} to build the sandbox base image on", REGISTRY_IMAGE);
        if (calls.pull(REGISTRY_IMAGE, PULL_TIMEOUT)) {
            return REGISTRY_IMAGE;
        }
        String unavailable = whyDebootstrapCannotRun();
        if (unavailable != null) {
            throw new SandboxException("no Debian bookworm image to build the sandbox base image on: "
                    + REGISTRY_IMAGE + " is not in the engine at " + calls.host() + " and pulling it failed (see the"
                    + " log), and the registry-less way, debootstrap, cannot run here (" + unavailable + "). Make a"
                    + " registry reachable, load a Debian bookworm image (`docker load`), or name one as the root image"
                    + " (--root-image IMAGE, ImageBuildOptions.rootImage).");
        }
        LOG.info("no registry reachable: making {} with debootstrap from {} (a few minutes)", BOOTSTRAP_IMAGE,
                debianMirror);
        debootstrap();
        return BOOTSTRAP_IMAGE;
    }

    /** Null when debootstrap can run (Linux, root), else why not. */
    private static @Nullable String whyDebootstrapCannotRun() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return "it is Linux only, and this is " + System.getProperty("os.name");
        }
        if (!isRoot()) {
            return "it must run as root, and this process runs as " + System.getProperty("user.name");
        }
        return null;
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private void debootstrap() {
        if (!onPath("debootstrap")) {
            installDebootstrap();
        }
        Path rootfs = null;
        Path log = null;
        try {
            rootfs = Files.createTempDirectory("jsandbox-rootfs");
            log = Files.createTempFile("jsandbox-debootstrap", ".log");
            int exit = run(List.of("debootstrap", "--variant=minbase", "bookworm", rootfs.toString(), debianMirror),
                    log);
            if (exit != 0) {
                throw new SandboxException("debootstrap failed with exit code " + exit + " (mirror " + debianMirror
                        + "; set DEBIAN_MIRROR or ImageBuildOptions.debianMirror to a mirror you reach). Its last lines:\n"
                        + tail(log));
            }
            // The package caches are not part of the system; the script left them out too.
            Process tar = new ProcessBuilder("tar", "-C", rootfs.toString(), "--exclude=./var/cache/apt/archives/*.deb",
                    "--exclude=./var/lib/apt/lists/*", "-c", ".")
                    .redirectError(log.toFile())
                    .start();
            try (InputStream stream = tar.getInputStream()) {
                int colon = BOOTSTRAP_IMAGE.lastIndexOf(':');
                calls.importImage(BOOTSTRAP_IMAGE.substring(0, colon), BOOTSTRAP_IMAGE.substring(colon + 1), stream);
            }
            if (tar.waitFor() != 0) {
                throw new SandboxException("packing the debootstrap root file system failed: " + tail(log));
            }
            LOG.info("made {}", BOOTSTRAP_IMAGE);
        } catch (IOException e) {
            throw new SandboxException("making " + BOOTSTRAP_IMAGE + " with debootstrap failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionInterruptedException("interrupted while making " + BOOTSTRAP_IMAGE, e);
        } finally {
            if (rootfs != null) {
                // A root file system holds device nodes and links the JDK's file walk handles poorly.
                runQuietly(List.of("rm", "-rf", "--one-file-system", rootfs.toString()));
            }
            if (log != null) {
                runQuietly(List.of("rm", "-f", log.toString()));
            }
        }
    }

    private static void installDebootstrap() {
        if (!onPath("apt-get")) {
            throw new SandboxException("debootstrap is missing and there is no apt-get to install it: install"
                    + " debootstrap, or name a Debian bookworm root image (--root-image, ImageBuildOptions.rootImage)");
        }
        LOG.info("installing debootstrap with apt-get");
        List<String> install = List.of("apt-get", "install", "-y", "-q", "debootstrap");
        if (runQuietly(install) != 0 && (runQuietly(List.of("apt-get", "update", "-q")) != 0
                || runQuietly(install) != 0)) {
            throw new SandboxException("installing debootstrap with apt-get failed; install it yourself (apt-get"
                    + " install debootstrap) or name a Debian bookworm root image (--root-image)");
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    private static int run(List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        if (!process.waitFor(DEBOOTSTRAP_TIMEOUT.toMinutes(), java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new SandboxException(command.get(0) + " did not finish within " + DEBOOTSTRAP_TIMEOUT.toMinutes()
                    + " minutes; check the mirror " + String.join(" ", command.subList(command.size() - 1, command.size())));
        }
        return process.exitValue();
    }

    private static int runQuietly(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            return builder.start().waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
