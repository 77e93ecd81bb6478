package dev.jsandbox.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link ImageBuilder} builds images. Immutable; made by {@link #builder()}, whose setters document the defaults.
 *
 * @param caBundle the PEM bundle that downloads during a build trust (the file {@code build-ca.crt} of every build
 *     context), or null for none
 * @param rootImage the Debian bookworm image the sandbox base image is built on, or null to find or make one
 * @param debianMirror the Debian mirror debootstrap uses when it has to make the root image
 * @param force whether to rebuild images that are up to date, without the engine's layer cache
 */
public record ImageBuildOptions(@Nullable Path caBundle, @Nullable String rootImage, String debianMirror,
        boolean force) {

    /** The host's CA bundle on Debian-like systems, the default {@link #caBundle()} when it exists. */
    public static final Path HOST_CA_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    /** The default {@link #debianMirror()}. */
    public static final String DEFAULT_DEBIAN_MIRROR = "http://deb.debian.org/debian";

    /** Validates the components. */
    public ImageBuildOptions {
        if (caBundle != null && !Files.isRegularFile(caBundle)) {
            throw new IllegalArgumentException("caBundle must be a readable file, " + caBundle + " is not");
        }
        if (rootImage != null && rootImage.isBlank()) {
            throw new IllegalArgumentException("rootImage must not be blank; null finds or makes one");
        }
        Objects.requireNonNull(debianMirror, "debianMirror");
        if (!debianMirror.startsWith("http://") && !debianMirror.startsWith("https://")) {
            throw new IllegalArgumentException("debianMirror must be an http or https URL, was '" + debianMirror + "'");
        }
    }

    /** The defaults: see each setter of {@link Builder}. */
    public static ImageBuildOptions defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ImageBuildOptions}. */
    public static final class Builder {
        private @Nullable Path caBundle = Files.isRegularFile(HOST_CA_BUNDLE) ? HOST_CA_BUNDLE : null;
        private @Nullable String rootImage;
        private String debianMirror = DEFAULT_DEBIAN_MIRROR;
        private boolean force;

        private Builder() {
        }

        /**
         * The PEM bundle that downloads during a build trust (npm's, in the node image), needed behind a
         * TLS-inspecting proxy. It is used by download stages only and never ends up in an execution image.
         * Default: {@link #HOST_CA_BUNDLE} when that file exists, else none.
         */
        public Builder caBundle(Path caBundle) {
            this.caBundle = Objects.requireNonNull(caBundle, "caBundle");
            return this;
        }

        /** Trust only the certificates inside the images during builds (no {@link #caBundle(Path)}). */
        public Builder noCaBundle() {
            this.caBundle = null;
            return this;
        }

        /**
         * The Debian bookworm image to build the sandbox base image on. Default: {@code debian:bookworm-slim} when
         * present or pullable, else {@code jsandbox/debian-bootstrap:bookworm} when present, else one made with
         * {@code debootstrap} (Linux, as root, from {@link #debianMirror(String)}); elsewhere the build fails with a
         * message that says so.
         */
        public Builder rootImage(String rootImage) {
            this.rootImage = Objects.requireNonNull(rootImage, "rootImage");
            return this;
        }

        /** The mirror debootstrap downloads from. Default: {@value #DEFAULT_DEBIAN_MIRROR}. */
        public Builder debianMirror(String debianMirror) {
            this.debianMirror = Objects.requireNonNull(debianMirror, "debianMirror");
            return this;
        }

        /**
         * Whether to rebuild every image even when it is up to date, without the engine's layer cache (e.g. to take
         * Debian's security updates). Default: false, an image whose build context and parent did not change is kept.
         */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /** The options. */
        public ImageBuildOptions build() {
            return new ImageBuildOptions(caBundle, rootImage, debianMirror, force);
        }
    }
}
