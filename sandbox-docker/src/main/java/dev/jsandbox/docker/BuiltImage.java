package dev.jsandbox.docker;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link ImageBuilder} did for one image.
 *
 * @param image the image reference, e.g. {@code jsandbox/python:3}
 * @param contextHash the content hash of its build context and parent (the label {@value ImageBuilder#CONTEXT_HASH_LABEL})
 * @param built true when it was built now, false when it was up to date
 * @param duration how long building took (zero when it was up to date)
 */
public record BuiltImage(String image, String contextHash, boolean built, Duration duration) {

    /** Requires every component. */
    public BuiltImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(contextHash, "contextHash");
        Objects.requireNonNull(duration, "duration");
    }
}
