package dev.jsandbox.api;

import java.util.List;

/** No runtime has the requested language as id or alias. The message lists the known languages. */
public class UnknownLanguageException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;
    private final String language;
    private final List<String> knownLanguages;

    public UnknownLanguageException(String language, List<String> knownLanguages) {
        super("unknown language '" + language + "'; known languages: " + String.join(", ", knownLanguages));
        this.language = language;
        this.knownLanguages = List.copyOf(knownLanguages);
    }

    /** The language as requested. */
    public String language() {
        return language;
    }

    /** The ids of every known language, sorted. */
    public List<String> knownLanguages() {
        return knownLanguages;
    }
}
