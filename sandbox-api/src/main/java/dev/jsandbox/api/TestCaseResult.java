package dev.jsandbox.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one test case did.
 *
 * @param index the case's position in the request, from 0
 * @param result the case's run: status, exit code, output, time and memory (its compile fields are empty; the
 *     submission's compile step is in the enclosing {@link ExecutionResult})
 * @param passed whether the case passed: it ran successfully and its stdout matched the expected output; null when
 *     the case had no expected output
 */
public record TestCaseResult(int index, ExecutionResult result, @Nullable Boolean passed) {

    /** Requires the result and a non-negative index. */
    public TestCaseResult {
        Objects.requireNonNull(result, "result");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
    }

    /** True unless the case failed: it passed, or it had no expected output and ran successfully. */
    public boolean isAccepted() {
        return passed != null ? passed : result.status() == ExecutionStatus.SUCCESS;
    }
}
