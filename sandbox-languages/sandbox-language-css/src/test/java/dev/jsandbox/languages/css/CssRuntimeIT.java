package dev.jsandbox.languages.css;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.testkit.LanguageRuntimeContract;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A stylesheet prints nothing but itself, so most program cases of the kit do not apply; see the tests below. */
class CssRuntimeIT extends LanguageRuntimeContract {

    @Override
    protected String language() {
        return "css";
    }

    @Override
    protected @Nullable String helloWorld() {
        return null;
    }

    @Override
    protected @Nullable String echoStdin() {
        return null;
    }

    @Override
    protected @Nullable String printArgs() {
        return null;
    }

    @Override
    protected @Nullable String exitWithCode3() {
        return null;
    }

    @Override
    protected String runtimeError() {
        return "a {\n  color: ;\n}\n";
    }

    @Override
    protected String runtimeErrorText() {
        return "Invalid value for `color` property";
    }

    @Override
    protected @Nullable String unicode() {
        return null;
    }

    @Override
    protected @Nullable String endlessLoop() {
        return null;
    }

    @Override
    protected @Nullable String allocate(int mebibytes) {
        return null;
    }

    /** A stylesheet has no modules; several sheets are checked one after another (see the tests below). */
    @Override
    protected @Nullable Program severalFiles() {
        return null;
    }

    @Override
    protected @Nullable String printDataFile() {
        return null;
    }

    @Override
    protected @Nullable String sumOfTwoNumbers() {
        return null;
    }

    @Test
    void aValidSheetPassesAndIsPrintedNormalized() {
        String sheet = "/* page */\nbody {\n  margin: 0;\n  color: #333;\n}\n\n@media (min-width: 600px) {\n"
                + "  .card > h2::before { content: \"" + UNICODE_TEXT + "\"; font: bold 1.2em/1.5 sans-serif; }\n}\n";
        ExecutionResult result = run(sheet);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("body{margin:0;color:#333}@media (min-width:600px){.card>h2::before{content:\"" + UNICODE_TEXT
                + "\";font:bold 1.2em/1.5 sans-serif}}\n", result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void anEmptyColorIsReportedWithLineAndColumn() {
        ExecutionResult result = run("a {\n  color: ;\n}\n");
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().startsWith("2:10 Invalid value for `color` property\n"), () -> describe(result));
    }

    @Test
    void unknownPropertiesAndSyntaxErrorsAreReported() {
        ExecutionResult result = run("p { colr: red; }\n\ndiv { width 10px }\n");
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertTrue(result.stderr().contains("1:5 Unknown property `colr`"), () -> describe(result));
        assertTrue(result.stderr().contains("3:13 Colon is expected"), () -> describe(result));
    }

    @Test
    void checksEverySheetInOrderAndNamesTheFileOfEachProblem() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("css", "a { color: red; }\n")
                .file("themes/dark.css", "body {\n  colr: black;\n}\n").build());
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertEquals("/* style.css */\na{color:red}\n/* themes/dark.css */\nbody{colr:black}\n", result.stdout());
        assertTrue(result.stderr().startsWith("themes/dark.css:2:3 Unknown property `colr`"), () -> describe(result));
    }
}
