package dev.jsandbox.api;

import java.util.ArrayList;
import java.util.List;

/** How a test case's stdout is compared with its expected output. */
public enum OutputComparison {
    /**
     * Line by line, ignoring whitespace at the end of each line and empty lines at the end (and {@code \r\n} versus
     * {@code \n}): what most judges do, so a missing final newline or a trailing space is not a wrong answer.
     */
    LINES {
        @Override
        public boolean matches(String expected, String actual) {
            return lines(expected).equals(lines(actual));
        }
    },
    /** Byte for byte. */
    EXACT {
        @Override
        public boolean matches(String expected, String actual) {
            return expected.equals(actual);
        }
    },
    /** The same whitespace-separated tokens in the same order; line structure and spacing are ignored. */
    TOKENS {
        @Override
        public boolean matches(String expected, String actual) {
            return tokens(expected).equals(tokens(actual));
        }
    };

    /** True when {@code actual} counts as {@code expected} under this comparison. */
    public abstract boolean matches(String expected, String actual);

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            lines.add(line.stripTrailing());
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static List<String> tokens(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }
}
