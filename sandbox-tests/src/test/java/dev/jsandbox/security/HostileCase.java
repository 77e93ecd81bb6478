package dev.jsandbox.security;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One hostile program of the catalogue: {@code hostile/<category>/<name>.<extension>} with its expectations.
 *
 * @param category the folder, e.g. {@code processes}
 * @param name the file name without extension, e.g. {@code fork-bomb}; the same name in several languages is the
 *     same attack
 * @param extension the file extension, which names the language (the runtime whose file extension it is)
 * @param program where the program's text is
 * @param expectations what must happen, merged from {@code <name>.expect} and {@code <name>.<extension>.expect}
 */
public record HostileCase(String category, String name, String extension, Path program, Expectations expectations) {

    public HostileCase {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(expectations, "expectations");
    }

    /** {@code category/name.extension}, the case's id in reports and in other cases' {@code then}. */
    public String id() {
        return category + "/" + name + "." + extension;
    }

    /** {@code category/name}: the attack, whatever the language. */
    public String attack() {
        return category + "/" + name;
    }
}
