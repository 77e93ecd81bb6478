package dev.jsandbox.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One program to execute: its language, its source code (a single main file), its stdin, its command-line
 * arguments and optional lower limits. Validated on construction; sizes are checked against the sandbox's
 * {@link Limits} when executed.
 *
 * <pre>{@code
 * ExecutionRequest request = ExecutionRequest.builder("python", "import sys; print(sys.argv[1:])")
 *         .args("a", "b")
 *         .limits(LimitOverrides.timeout(Duration.ofSeconds(2)))
 *         .build();
 * }</pre>
 *
 * @param language a language id or alias, e.g. {@code python}, {@code py}, {@code python3}; matched ignoring case
 * @param code the source code, not blank
 * @param stdin what the program reads on standard input; empty for none (the program then sees end of file)
 * @param args command-line arguments, passed literally (never through a shell); no NUL characters
 * @param limits overrides that may only lower the configured limits
 */
public record ExecutionRequest(String language, String code, String stdin, List<String> args, LimitOverrides limits) {

    private static final int MAX_LANGUAGE_LENGTH = 64;
    private static final int MAX_ARGS = 256;
    private static final int MAX_ARG_LENGTH = 4096;

    /** Validates and defensively copies the components. */
    public ExecutionRequest {
        requireNonNull(language, "language");
        requireNonNull(code, "code");
        requireNonNull(stdin, "stdin");
        requireNonNull(args, "args");
        requireNonNull(limits, "limits");
        if (language.isBlank() || language.length() > MAX_LANGUAGE_LENGTH
                || !language.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidRequestException("language must be 1 to " + MAX_LANGUAGE_LENGTH
                    + " printable ASCII characters without spaces, was '" + printable(language) + "'");
        }
        if (code.isBlank()) {
            throw new InvalidRequestException("code must not be empty");
        }
        if (args.size() > MAX_ARGS) {
            throw new InvalidRequestException("at most " + MAX_ARGS + " args are allowed, got " + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = requireNonNull(args.get(i), "args[" + i + "]");
            if (arg.indexOf('\0') >= 0) {
                throw new InvalidRequestException("args[" + i + "] contains a NUL character, which no program can receive");
            }
            if (arg.length() > MAX_ARG_LENGTH) {
                throw new InvalidRequestException("args[" + i + "] is longer than " + MAX_ARG_LENGTH + " characters");
            }
        }
        args = List.copyOf(args);
    }

    /** A request with no stdin, no args and the configured limits. */
    public static ExecutionRequest of(String language, String code) {
        return builder(language, code).build();
    }

    /** A request with the given stdin, no args and the configured limits. */
    public static ExecutionRequest of(String language, String code, String stdin) {
        return builder(language, code).stdin(stdin).build();
    }

    /** A builder; stdin defaults to empty, args to none, limits to {@link LimitOverrides#none()}. */
    public static Builder builder(String language, String code) {
        return new Builder(language, code);
    }

    private static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new InvalidRequestException(name + " must not be null");
        }
        return value;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(MAX_LANGUAGE_LENGTH).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Builds an {@link ExecutionRequest}. */
    public static final class Builder {
        private final String language;
        private final String code;
        private String stdin = "";
        private final List<String> args = new ArrayList<>();
        private LimitOverrides limits = LimitOverrides.none();

        private Builder(String language, String code) {
            this.language = language;
            this.code = code;
        }

        /** Standard input of the program; default empty. */
        public Builder stdin(String stdin) {
            this.stdin = Objects.requireNonNull(stdin, "stdin");
            return this;
        }

        /** Appends command-line arguments; default none. */
        public Builder args(String... args) {
            return args(List.of(args));
        }

        /** Appends command-line arguments; default none. */
        public Builder args(List<String> args) {
            this.args.addAll(args);
            return this;
        }

        /** Lower limits for this request; default {@link LimitOverrides#none()}. */
        public Builder limits(LimitOverrides limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** @throws InvalidRequestException if a component is malformed */
        public ExecutionRequest build() {
            return new ExecutionRequest(language, code, stdin, args, limits);
        }
    }
}
