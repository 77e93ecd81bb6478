package dev.jsandbox.docker.internal;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PruneType;
import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.SandboxException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine calls of image building: inspect, build with progress, read the image's version file, pull, import and
 * prune. Faults of the engine come out as the API's exceptions ({@link DockerEngine}); a build that fails comes out
 * as a {@link SandboxException} with the end of the build's output.
 */
public final class ImageBuildCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ImageBuildCalls.class);
    /** How many lines of a failed build's output the exception quotes. */
    private static final int TAIL_LINES = 30;
    /** The file in which every execution image lists its languages' versions, one {@code id=version} a line. */
    public static final String VERSIONS_FILE = "/etc/jsandbox/versions";

    private final DockerEngine engine;

    public ImageBuildCalls(DockerEngine engine) {
        this.engine = engine;
    }

    /** Where the engine is, for messages. */
    public String host() {
        return engine.host();
    }

    /** The image's id and labels, or empty when it is absent. */
    public Optional<Inspected> inspect(String image) {
        try {
            InspectImageResponse response = engine.shortCall("inspect_image", "inspect image " + image,
                    client -> client.inspectImageCmd(image).exec());
            Map<String, String> labels = response.getConfig() == null || response.getConfig().getLabels() == null
                    ? Map.of() : response.getConfig().getLabels();
            return Optional.of(new Inspected(response.getId(), labels));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** What an image inspection says. */
    public record Inspected(String id, Map<String, String> labels) {
    }

    /**
     * Builds {@code context} (a tar) as {@code tag} with the classic builder, logging each Dockerfile step at INFO
     * and everything else at DEBUG.
     *
     * @return the new image's id
     * @throws SandboxException if the build fails; the message quotes the end of its output
     */
    public String build(String tag, byte[] context, Map<String, String> buildArgs, Map<String, String> labels,
            boolean noCache) {
        Progress progress = new Progress(tag);
        engine.longCall("build_image", "build image " + tag, client -> {
            var command = client.buildImageCmd(new ByteArrayInputStream(context))
                    .withTags(Set.of(tag))
                    .withLabels(labels)
                    .withNoCache(noCache)
                    .withPull(false)
                    .withRemove(true)
                    .withForcerm(true);
            buildArgs.forEach(command::withBuildArg);
            return command.exec(progress);
        });
        try {
            return progress.awaitImageId();
        } catch (DockerClientException e) {
            throw new SandboxException("building " + tag + " failed: " + e.getMessage().strip()
                    + ". The end of the build's output:\n" + progress.tail()
                    + "\nFix the cause above; when a download failed on a certificate (a TLS-inspecting proxy), give"
                    + " the build your proxy's CA bundle (--ca-bundle FILE, or ImageBuildOptions.caBundle).", e);
        } finally {
            close(progress);
        }
    }

    /**
     * The lines of {@value #VERSIONS_FILE} in {@code image}, read from a container that is created but never
     * started (nothing in the image runs), then removed.
     */
    public List<String> versionLines(String image) {
        String container = engine.shortCall("create", "create a container from " + image,
                client -> client.createContainerCmd(image).withNetworkDisabled(true).exec().getId());
        try (InputStream tar = engine.shortCall("copy", "read " + VERSIONS_FILE + " from " + image,
                client -> client.copyArchiveFromContainerCmd(container, VERSIONS_FILE).exec());
             TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
            TarArchiveEntry entry = entries.getNextEntry();
            if (entry == null) {
                return List.of();
            }
            return new String(entries.readNBytes(64 * 1024), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList();
        } catch (NotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new SandboxException("cannot read " + VERSIONS_FILE + " of " + image + ": " + e.getMessage(), e);
        } finally {
            engine.remove(container);
        }
    }

    /** Pulls {@code image}; false (with the reason logged) when it cannot within {@code timeout}. */
    public boolean pull(String image, Duration timeout) {
        PullImageResultCallback callback = new PullImageResultCallback();
        try {
            int slash = image.lastIndexOf('/');
            int colon = image.lastIndexOf(':');
            String repository = colon > slash ? image.substring(0, colon) : image;
            String tag = colon > slash ? image.substring(colon + 1) : "latest";
            engine.longCall("pull_image", "pull " + image,
                    client -> client.pullImageCmd(repository).withTag(tag).exec(callback));
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("pulling {} did not finish within {} s", image, timeout.toSeconds());
                return false;
            }
            return inspect(image).isPresent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionInterruptedException("interrupted while pulling " + image, e);
        } catch (RuntimeException e) {
            LOG.info("pulling {} failed: {}", image, e.getMessage());
            return false;
        } finally {
            close(callback);
        }
    }

    /** Imports a root file system (a tar stream) as image {@code repository:tag}. */
    public void importImage(String repository, String tag, InputStream rootfsTar) {
        engine.longCall("import_image", "import " + repository + ":" + tag,
                client -> client.createImageCmd(repository, rootfsTar).withTag(tag).exec());
    }

    /** Removes untagged images that carry {@code label}: replaced images and finished build stages. */
    public void pruneUntagged(String label) {
        try {
            engine.longCall("prune_images", "prune images labelled " + label, client -> client.pruneCmd(PruneType.IMAGES)
                    .withDangling(true).withLabelFilter(label).exec());
        } catch (SandboxException e) {
            LOG.debug("pruning images labelled {} failed: {}", label, e.getMessage());
        }
    }

    private static void close(AutoCloseable callback) {
        try {
            callback.close();
        } catch (Exception e) {
            LOG.debug("closing an engine stream failed", e);
        }
    }

    /** Logs a build's steps and keeps the end of its output for the message of a failure. */
    private static final class Progress extends BuildImageResultCallback {
        private final String tag;
        private final Deque<String> tail = new ArrayDeque<>();

        Progress(String tag) {
            this.tag = tag;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            String stream = item.getStream();
            if (stream != null) {
                stream.lines().filter(line -> !line.isBlank()).forEach(this::line);
            }
            super.onNext(item);
        }

        private void line(String line) {
            if (line.startsWith("Step ")) {
                LOG.info("{}: {}", tag, line);
            } else {
                LOG.debug("{}: {}", tag, line);
            }
            synchronized (tail) {
                tail.addLast(line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
            }
        }

        String tail() {
            synchronized (tail) {
                return String.join("\n", tail);
            }
        }
    }
}
