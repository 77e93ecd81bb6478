package dev.jsandbox.api;

import org.jspecify.annotations.Nullable;

/**
 * One input of a program run in judge mode, and what the program should print for it.
 *
 * @param input the program's stdin for this case; empty for none
 * @param expectedOutput what stdout must be, as compared by the request's {@link OutputComparison}; null when the
 *     case only runs (its {@link TestCaseResult#passed()} is then null)
 */
public record TestCase(String input, @Nullable String expectedOutput) {

    /** Requires the input. */
    public TestCase {
        if (input == null) {
            throw new InvalidRequestException("a test case needs an input (empty for none)");
        }
    }

    /** A case whose stdout must match {@code expectedOutput}. */
    public static TestCase of(String input, String expectedOutput) {
        return new TestCase(input, expectedOutput);
    }

    /** A case that only runs the program with this input. */
    public static TestCase withInput(String input) {
        return new TestCase(input, null);
    }
}
