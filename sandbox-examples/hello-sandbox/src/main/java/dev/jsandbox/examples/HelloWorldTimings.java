package dev.jsandbox.examples;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prints, for every language on the class path whose image is built, the median times of a hello world through
 * {@link CodeSandbox#execute}: the compile step ({@link ExecutionResult#compileTime()}), the run
 * ({@link ExecutionResult#wallTime()}), and the whole call as the caller sees it, with the default pool of
 * pre-started containers and without it. Executions are sequential, so each time is one execution's alone.
 *
 * <p>Run with {@code ./mvnw -pl sandbox-examples/hello-sandbox exec:java
 * -Dexec.mainClass=dev.jsandbox.examples.HelloWorldTimings [-Dexec.args=RUNS]} (default 11 runs, after one
 * warm-up run per language).
 */
public final class HelloWorldTimings {

    private static final Map<String, String> HELLO_WORLDS = Map.of(
            "python", "print('Hello, World!')\n",
            "javascript", "console.log('Hello, World!');\n",
            "typescript", "const greeting: string = 'Hello, World!';\nconsole.log(greeting);\n",
            "java", "public class Main {\n    public static void main(String[] args) {\n"
                    + "        System.out.println(\"Hello, World!\");\n    }\n}\n",
            "c", "#include <stdio.h>\n\nint main(void) {\n    puts(\"Hello, World!\");\n    return 0;\n}\n",
            "cpp", "#include <iostream>\n\nint main() {\n    std::cout << \"Hello, World!\" << std::endl;\n}\n",
            "go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"Hello, World!\")\n}\n",
            "html", "<!DOCTYPE html>\n<html lang=\"en\"><head><title>hello</title></head>\n"
                    + "<body><script>console.log('Hello, World!');</script></body></html>\n",
            "css", "body {\n  color: red;\n}\n",
            "lua", "print('Hello, World!')\n");

    private HelloWorldTimings() {
    }

    /** Measures and prints the table; the optional argument is the number of runs per language. */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        List<String> rows = new ArrayList<>();
        try (DockerSandbox pooled = DockerSandbox.builder().build();
                DockerSandbox unpooled = DockerSandbox.builder().pool(PoolSettings.disabled()).build()) {
            for (LanguageInfo language : pooled.languages()) {
                String code = HELLO_WORLDS.get(language.id());
                if (code == null || !language.available()) {
                    continue;
                }
                Timings warm = measure(pooled, language.id(), code, runs);
                Timings cold = measure(unpooled, language.id(), code, runs);
                rows.add(String.format("| %s | %s | %s | %d | %d | %d |", language.displayName(), language.version(),
                        language.compiled() ? Long.toString(warm.compileMillis()) : "-", warm.runMillis(),
                        warm.callMillis(), cold.callMillis()));
            }
        }
        System.out.printf("Median of %d hello worlds per language, in milliseconds.%n%n", runs);
        System.out.println("| language | version | compile | run | execute() with pool | execute() without pool |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static Timings measure(CodeSandbox sandbox, String language, String code, int runs) {
        ExecutionRequest request = ExecutionRequest.of(language, code);
        check(sandbox.execute(request), language);
        long[] compile = new long[runs];
        long[] run = new long[runs];
        long[] call = new long[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            ExecutionResult result = sandbox.execute(request);
            call[i] = Duration.ofNanos(System.nanoTime() - started).toMillis();
            check(result, language);
            compile[i] = result.compileTime().toMillis();
            run[i] = result.wallTime().toMillis();
        }
        return new Timings(median(compile), median(run), median(call));
    }

    private static void check(ExecutionResult result, String language) {
        if (!result.isSuccess()) {
            throw new IllegalStateException(language + " hello world failed: " + result);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private record Timings(long compileMillis, long runMillis, long callMillis) {
    }
}
