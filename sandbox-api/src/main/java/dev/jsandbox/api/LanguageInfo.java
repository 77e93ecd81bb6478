package dev.jsandbox.api;

import java.util.List;
import java.util.Objects;

/**
 * A language a sandbox can execute, as reported by {@link CodeSandbox#languages()}.
 *
 * @param id the canonical id, e.g. {@code python}
 * @param displayName a human-readable name, e.g. {@code Python}
 * @param version the language's version as read from its image, e.g. {@code 3.11.2}; {@code unknown} when the
 *     image is not available
 * @param aliases other names accepted in requests, e.g. {@code py}, {@code python3}
 * @param fileExtension the usual extension of a source file, without the dot, e.g. {@code py}
 * @param compiled true when the language has a compile step
 * @param image the execution image, e.g. {@code jsandbox/python:3}
 * @param available true when the image is present in the engine, so the language can run now
 */
public record LanguageInfo(
        String id,
        String displayName,
        String version,
        List<String> aliases,
        String fileExtension,
        boolean compiled,
        String image,
        boolean available) {

    /** Requires every component and copies the aliases. */
    public LanguageInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(version, "version");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(fileExtension, "fileExtension");
        Objects.requireNonNull(image, "image");
    }
}
