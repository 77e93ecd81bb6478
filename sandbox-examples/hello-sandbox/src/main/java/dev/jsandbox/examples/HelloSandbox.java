package dev.jsandbox.examples;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.docker.DockerSandbox;

/**
 * The smallest useful embedding: build a sandbox, run untrusted code, read the result, close the sandbox.
 *
 * <p>Run with {@code ./mvnw -pl sandbox-examples/hello-sandbox exec:java -Dexec.mainClass=dev.jsandbox.examples.HelloSandbox}.
 */
public final class HelloSandbox {

    private HelloSandbox() {
    }

    public static void main(String[] args) {
        try (CodeSandbox sandbox = DockerSandbox.builder().build()) {
            for (LanguageInfo language : sandbox.languages()) {
                System.out.printf("%-12s %-10s %s%n", language.id(), language.version(), language.available() ? "" : "(image missing)");
            }
            ExecutionResult result = sandbox.execute(ExecutionRequest.of("python",
                    "name = input()\nprint(f'Hello, {name}!')", "sandbox"));
            System.out.printf("%s in %d ms: %s", result.status(), result.wallTime().toMillis(), result.stdout());
        }
    }
}
