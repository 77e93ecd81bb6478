package dev.jsandbox.benchmark;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.TestCase;
import dev.jsandbox.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Judge mode against its alternative: one submission with {@value #CASES} test cases (one compile, a fresh process
 * per case) against {@value #CASES} separate executions of the same program, one per input, back to back.
 */
final class JudgeBenchmark {

    static final int CASES = 20;
    /** A program per language that reads two integers and prints their sum. */
    static final Map<String, String> SUM = Map.of(
            "python", "a, b = map(int, input().split())\nprint(a + b)\n",
            "cpp", "#include <iostream>\nint main() {\n    long a, b;\n    std::cin >> a >> b;\n    std::cout << a + b << '\\n';\n}\n",
            "java", "import java.util.Scanner;\n\npublic class Main {\n    public static void main(String[] args) {\n"
                    + "        Scanner in = new Scanner(System.in);\n        System.out.println(in.nextLong() + in.nextLong());\n"
                    + "    }\n}\n");

    private JudgeBenchmark() {
    }

    /** Writes the table: p50 of the batch, p50 of the separate executions, and their ratio, per language. */
    static void table(CodeSandbox sandbox, List<String> languages, int repetitions, Consumer<String> line) {
        line.accept("## Judge mode: " + CASES + " test cases in one submission against " + CASES
                + " separate executions (ms, p50 / p95 / p99 of " + repetitions + " submissions, back to back)");
        line.accept("");
        line.accept("| language | one submission, " + CASES + " cases | " + CASES + " separate executions | ratio |");
        line.accept("|---|---|---|---|");
        for (String language : languages) {
            String code = SUM.get(language);
            if (code == null) {
                continue;
            }
            List<Double> batch = new ArrayList<>();
            List<Double> separate = new ArrayList<>();
            for (int i = 0; i < repetitions + 1; i++) {
                long started = System.nanoTime();
                ExecutionResult result = sandbox.execute(submission(language, code));
                double batchMillis = (System.nanoTime() - started) / 1e6;
                if (result.verdict() != Verdict.ACCEPTED) {
                    throw new IllegalStateException(language + " judged " + result.verdict() + ": " + result);
                }
                started = System.nanoTime();
                for (int n = 0; n < CASES; n++) {
                    ExecutionResult one = sandbox.execute(ExecutionRequest.of(language, code, n + " " + n + "\n"));
                    if (!one.stdout().equals(2 * n + "\n")) {
                        throw new IllegalStateException(language + " printed " + one.stdout() + ": " + one);
                    }
                }
                double separateMillis = (System.nanoTime() - started) / 1e6;
                if (i > 0) { // the first round warms the pool and the images' page cache
                    batch.add(batchMillis);
                    separate.add(separateMillis);
                }
            }
            Stats b = Stats.of(batch);
            Stats s = Stats.of(separate);
            line.accept(String.format("| %s | %s | %s | %.2f |", language, b.format(), s.format(), b.p50() / s.p50()));
        }
        line.accept("");
    }

    private static ExecutionRequest submission(String language, String code) {
        ExecutionRequest.Builder builder = ExecutionRequest.builder(language, code);
        for (int n = 0; n < CASES; n++) {
            builder.testCase(TestCase.of(n + " " + n + "\n", Integer.toString(2 * n)));
        }
        return builder.build();
    }
}
