package dev.jsandbox.docker;

import java.util.List;
import java.util.Objects;

/**
 * Whether an execution image is ready, as {@link ImageBuilder#states} finds it.
 *
 * @param image the image reference, e.g. {@code jsandbox/node:3}
 * @param languages the ids of the runtimes that run in it (empty for the base image)
 * @param state what the engine holds
 */
public record ImageState(String image, List<String> languages, State state) {

    /** Requires every component and copies the list. */
    public ImageState {
        Objects.requireNonNull(image, "image");
        languages = List.copyOf(languages);
        Objects.requireNonNull(state, "state");
    }

    /** What the engine holds of an image. */
    public enum State {
        /** Built from the current build context on the current parent, for this library's contract version. */
        UP_TO_DATE,
        /** Present and of this library's contract version; its runtime declares no recipe to compare it with. */
        PRESENT,
        /** Present but built from another context, on another parent or for another contract version. */
        OUTDATED,
        /** Absent. */
        MISSING
    }
}
