package dev.jsandbox.docker.internal;

import dev.jsandbox.api.ImageMissingException;
import dev.jsandbox.spi.LanguageRuntime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows which execution images are present and what their labels say. A present image is remembered, so the hot
 * path asks the engine nothing; an absent one is asked again each time, so building it later just works.
 */
public final class ImageCatalog {

    private final DockerEngine engine;
    private final Map<String, Map<String, String>> presentImages = new ConcurrentHashMap<>();

    public ImageCatalog(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * The labels of the runtime's image.
     *
     * @throws ImageMissingException if the image is absent or was built for another image contract version
     */
    public Map<String, String> require(LanguageRuntime runtime) {
        return find(runtime.image()).map(labels -> {
            String version = labels.get(SandboxLabels.IMAGE_VERSION);
            if (!SandboxLabels.SUPPORTED_IMAGE_VERSION.equals(version)) {
                forget(runtime.image());
                throw new ImageMissingException(runtime.image(), runtime.buildCommand(),
                        "has image contract version " + version + " but this library needs "
                                + SandboxLabels.SUPPORTED_IMAGE_VERSION + " (it was not built by this version's image builder)");
            }
            return labels;
        }).orElseThrow(() -> new ImageMissingException(runtime.image(), runtime.buildCommand(), "is not present"));
    }

    /** The image's labels, or empty when the image is absent. */
    public Optional<Map<String, String>> find(String image) {
        Map<String, String> cached = presentImages.get(image);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Map<String, String>> labels = engine.imageLabels(image);
        labels.ifPresent(found -> presentImages.put(image, found));
        return labels;
    }

    /** Forgets what is known of an image, e.g. after the engine said it is gone. */
    public void forget(String image) {
        presentImages.remove(image);
    }
}
