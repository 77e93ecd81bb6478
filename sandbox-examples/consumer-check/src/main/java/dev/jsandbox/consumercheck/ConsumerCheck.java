package dev.jsandbox.consumercheck;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.docker.DockerSandbox;

/**
 * What an application built from the README's dependency snippet does first: run {@code print(1)} in Python.
 * Exits non-zero, saying why, when the result is not {@code 1}.
 */
public final class ConsumerCheck {

    private ConsumerCheck() {
    }

    public static void main(String[] args) {
        try (CodeSandbox sandbox = DockerSandbox.builder().build()) {
            ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", "print(1)"));
            if (result.status() != ExecutionStatus.SUCCESS || !result.stdout().equals("1\n")) {
                System.err.println("consumer check FAILED: print(1) gave " + result);
                System.exit(1);
            }
            System.out.println("consumer check passed: the BOM's modules ran print(1) and got 1");
        }
    }
}
