package dev.jsandbox.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One program to execute: its language, its main source file, optional further files, its stdin (or test cases),
 * its command-line arguments and optional lower limits. Validated when built; sizes and counts are checked against
 * the sandbox's {@link Limits} when executed.
 *
 * <pre>{@code
 * ExecutionRequest request = ExecutionRequest.builder("python", "import sys; print(sys.argv[1:])")
 *         .args("a", "b")
 *         .limitOverrides(LimitOverrides.timeout(Duration.ofSeconds(2)))
 *         .build();
 *
 * // Judge mode: compiled once, run once per case, each compared with its expected output.
 * ExecutionRequest judged = ExecutionRequest.builder("python", "a, b = map(int, input().split()); print(a + b)")
 *         .testCase(TestCase.of("1 2", "3"))
 *         .testCase(TestCase.of("40 2", "42"))
 *         .build();
 * }</pre>
 */
public final class ExecutionRequest {

    /** The most files a request may carry besides its main file. */
    public static final int MAX_FILES = 32;
    /** The most test cases a request may carry; a sandbox may allow fewer ({@link Limits#maxTestCases()}). */
    public static final int MAX_TEST_CASES = 1024;
    private static final int MAX_LANGUAGE_LENGTH = 64;
    private static final int MAX_ARGS = 256;
    private static final int MAX_ARG_LENGTH = 4096;

    private final String language;
    private final String code;
    private final List<SourceFile> files;
    private final String stdin;
    private final List<String> args;
    private final List<TestCase> testCases;
    private final OutputComparison comparison;
    private final LimitOverrides limitOverrides;

    private ExecutionRequest(Builder b) {
        String language = requireNonNull(b.language, "language");
        String code = requireNonNull(b.code, "code");
        if (language.isBlank() || language.length() > MAX_LANGUAGE_LENGTH
                || !language.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidRequestException("language must be 1 to " + MAX_LANGUAGE_LENGTH
                    + " printable ASCII characters without spaces, was '" + Printable.excerpt(language, MAX_LANGUAGE_LENGTH) + "'");
        }
        if (code.isBlank()) {
            throw new InvalidRequestException("code must not be empty");
        }
        if (b.args.size() > MAX_ARGS) {
            throw new InvalidRequestException("at most " + MAX_ARGS + " args are allowed, got " + b.args.size());
        }
        for (int i = 0; i < b.args.size(); i++) {
            String arg = requireNonNull(b.args.get(i), "args[" + i + "]");
            if (arg.indexOf('\0') >= 0) {
                throw new InvalidRequestException("args[" + i + "] contains a NUL character, which no program can receive");
            }
            if (arg.length() > MAX_ARG_LENGTH) {
                throw new InvalidRequestException("args[" + i + "] is longer than " + MAX_ARG_LENGTH + " characters");
            }
        }
        if (b.files.size() > MAX_FILES) {
            throw new InvalidRequestException("at most " + MAX_FILES + " files are allowed besides the main file, got "
                    + b.files.size());
        }
        Set<String> names = new HashSet<>();
        for (SourceFile file : b.files) {
            requireNonNull(file, "files[]");
            if (!names.add(file.name())) {
                throw new InvalidRequestException("file '" + file.name() + "' is given twice");
            }
        }
        for (String name : names) {
            // A file may not be a directory of another: "a" and "a/b" cannot both exist.
            if (names.stream().anyMatch(other -> other.startsWith(name + "/"))) {
                throw new InvalidRequestException("file '" + name + "' clashes with a directory of the same name");
            }
        }
        if (b.testCases.size() > MAX_TEST_CASES) {
            throw new InvalidRequestException("at most " + MAX_TEST_CASES + " test cases are allowed, got "
                    + b.testCases.size());
        }
        b.testCases.forEach(testCase -> requireNonNull(testCase, "testCases[]"));
        if (!b.testCases.isEmpty() && !b.stdin.isEmpty()) {
            throw new InvalidRequestException("give the input of each test case in the case, not in stdin");
        }
        this.language = language;
        this.code = code;
        this.files = List.copyOf(b.files);
        this.stdin = b.stdin;
        this.args = List.copyOf(b.args);
        this.testCases = List.copyOf(b.testCases);
        this.comparison = b.comparison;
        this.limitOverrides = b.limitOverrides;
    }

    /** A request with no stdin, no args and the configured limits. */
    public static ExecutionRequest of(String language, String code) {
        return builder(language, code).build();
    }

    /** A request with the given stdin, no args and the configured limits. */
    public static ExecutionRequest of(String language, String code, String stdin) {
        return builder(language, code).stdin(stdin).build();
    }

    /**
     * A builder; files, stdin, args and test cases default to none, the comparison to {@link OutputComparison#LINES},
     * the limits to {@link LimitOverrides#none()}.
     */
    public static Builder builder(String language, String code) {
        return new Builder(language, code);
    }

    /** A language id or alias, e.g. {@code python}, {@code py}, {@code python3}; matched ignoring case. */
    public String language() {
        return language;
    }

    /** The main source file's code, not blank; the runtime chooses its file name ({@code main.py}, {@code Main.java}). */
    public String code() {
        return code;
    }

    /** Further files written beside the main file, in the request's order; empty for none. */
    public List<SourceFile> files() {
        return files;
    }

    /** What the program reads on standard input; empty for none (the program then sees end of file). */
    public String stdin() {
        return stdin;
    }

    /** Command-line arguments, passed literally (never through a shell). */
    public List<String> args() {
        return args;
    }

    /** The test cases: when not empty, the program is compiled once and run once per case. */
    public List<TestCase> testCases() {
        return testCases;
    }

    /** How each test case's stdout is compared with its expected output. */
    public OutputComparison comparison() {
        return comparison;
    }

    /** Overrides that may only lower the sandbox's configured {@link Limits}. */
    public LimitOverrides limitOverrides() {
        return limitOverrides;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionRequest r && language.equals(r.language) && code.equals(r.code)
                && files.equals(r.files) && stdin.equals(r.stdin) && args.equals(r.args)
                && testCases.equals(r.testCases) && comparison == r.comparison && limitOverrides.equals(r.limitOverrides);
    }

    @Override
    public int hashCode() {
        return Objects.hash(language, code, files, stdin, args, testCases, comparison, limitOverrides);
    }

    /** A summary that leaves out the code, files, input and arguments (they may be secret or huge). */
    @Override
    public String toString() {
        return "ExecutionRequest[language=" + Printable.excerpt(language, MAX_LANGUAGE_LENGTH) + ", code=" + code.length()
                + " chars, files=" + files.size() + ", args=" + args.size() + ", testCases=" + testCases.size() + "]";
    }

    private static <T> T requireNonNull(@Nullable T value, String name) {
        if (value == null) {
            throw new InvalidRequestException(name + " must not be null");
        }
        return value;
    }

    /** Builds an {@link ExecutionRequest}; a null argument is an {@link InvalidRequestException}, like any mistake. */
    public static final class Builder {
        private final @Nullable String language;
        private final @Nullable String code;
        private final List<SourceFile> files = new ArrayList<>();
        private String stdin = "";
        private final List<String> args = new ArrayList<>();
        private final List<TestCase> testCases = new ArrayList<>();
        private OutputComparison comparison = OutputComparison.LINES;
        private LimitOverrides limitOverrides = LimitOverrides.none();

        private Builder(@Nullable String language, @Nullable String code) {
            this.language = language;
            this.code = code;
        }

        /** Standard input of the program; default empty. Not allowed together with test cases. */
        public Builder stdin(String stdin) {
            this.stdin = requireNonNull(stdin, "stdin");
            return this;
        }

        /** Appends command-line arguments; default none. */
        public Builder args(String... args) {
            return args(List.of(requireNonNull(args, "args")));
        }

        /** Appends command-line arguments; default none. */
        public Builder args(List<String> args) {
            this.args.addAll(requireNonNull(args, "args"));
            return this;
        }

        /** Adds a file beside the main file; default none. */
        public Builder file(String name, String content) {
            return file(new SourceFile(name, content));
        }

        /** Adds a file beside the main file; default none. */
        public Builder file(SourceFile file) {
            this.files.add(requireNonNull(file, "file"));
            return this;
        }

        /** Adds files beside the main file; default none. */
        public Builder files(List<SourceFile> files) {
            requireNonNull(files, "files").forEach(this::file);
            return this;
        }

        /** Adds a test case; default none. */
        public Builder testCase(TestCase testCase) {
            this.testCases.add(requireNonNull(testCase, "testCase"));
            return this;
        }

        /** Adds test cases; default none. */
        public Builder testCases(List<TestCase> testCases) {
            requireNonNull(testCases, "testCases").forEach(this::testCase);
            return this;
        }

        /** How test case outputs are compared; default {@link OutputComparison#LINES}. */
        public Builder comparison(OutputComparison comparison) {
            this.comparison = requireNonNull(comparison, "comparison");
            return this;
        }

        /** Lower limits for this request; default {@link LimitOverrides#none()}. */
        public Builder limitOverrides(LimitOverrides limitOverrides) {
            this.limitOverrides = requireNonNull(limitOverrides, "limitOverrides");
            return this;
        }

        /** @throws InvalidRequestException if a component is malformed */
        public ExecutionRequest build() {
            return new ExecutionRequest(this);
        }
    }
}
