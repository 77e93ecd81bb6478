package dev.jsandbox.languages.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.testkit.LanguageRuntimeContract;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class HtmlRuntimeIT extends LanguageRuntimeContract {

    @Override
    protected String language() {
        return "html";
    }

    @Override
    protected String helloWorld() {
        return page("console.log('Hello, World!');");
    }

    /** A page's scripts have no stdin. */
    @Override
    protected @Nullable String echoStdin() {
        return null;
    }

    /** A page has no command-line arguments. */
    @Override
    protected @Nullable String printArgs() {
        return null;
    }

    /** A page cannot choose its exit code (it is 1 after an error, else 0). */
    @Override
    protected @Nullable String exitWithCode3() {
        return null;
    }

    @Override
    protected String runtimeError() {
        return page("document.getElementById('missing').textContent = 'x';");
    }

    @Override
    protected String runtimeErrorText() {
        return "Uncaught TypeError: Cannot set properties of null (setting 'textContent')";
    }

    @Override
    protected String unicode() {
        return page("console.log('" + UNICODE_TEXT + "');");
    }

    @Override
    protected String endlessLoop() {
        return page("for (;;) {}");
    }

    @Override
    protected String allocate(int mebibytes) {
        return page("const blocks = [];\nfor (let i = 0; i < " + mebibytes + "; i++) blocks.push(new Uint8Array(1 << 20).fill(1));\n"
                + "console.log('done');");
    }

    /** A script file the page loads defines the helper; an inline script prints what it returns. */
    @Override
    protected Program severalFiles() {
        return Program.of(page("console.log(greeting());").replace("<p>Text</p>",
                        "<p>Text</p>\n<script src=\"js/greeting.js\"></script>"),
                SourceFile.of("js/greeting.js", "function greeting() {\n  return '" + HELPER_TEXT + "';\n}\n"));
    }

    /** A page reads no files (it loads scripts and stylesheets; see the tests below). */
    @Override
    protected @Nullable String printDataFile() {
        return null;
    }

    /** A page's scripts have no stdin. */
    @Override
    protected @Nullable String sumOfTwoNumbers() {
        return null;
    }

    /** A small valid page whose one script starts on line 6. */
    private static String page(String script) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>test</title></head>\n<body>\n<p>Text</p>\n<script>\n"
                + script + "\n</script>\n</body>\n</html>\n";
    }

    @Test
    void aScriptThatLogsTwoPlusThreePrintsFive() {
        ExecutionResult result = run(page("console.log(2+3);"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("5\n", result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void aScriptErrorIsReportedWithItsLine() {
        ExecutionResult result = run(page("console.log('before');\nnull.boom();"));
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertEquals(1, result.exitCode());
        assertEquals("before\n", result.stdout());
        assertTrue(result.stderr().startsWith("8:6 Uncaught TypeError: Cannot read properties of null"), () -> describe(result));
    }

    @Test
    void aScriptSyntaxErrorIsReportedWithItsLine() {
        ExecutionResult result = run(page("let ok = 1;\nlet broken = ;"));
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertTrue(result.stderr().startsWith("8:14 Uncaught SyntaxError: Unexpected token ';'"), () -> describe(result));
    }

    @Test
    void markupThatBreaksTheStandardIsReportedWithLineAndColumn() {
        String markup = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>t</title></head>\n<body>\n"
                + "<p id=\"a\" id=\"b\">text</span>\n</body>\n</html>\n";
        ExecutionResult result = run(markup);
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertTrue(result.stderr().contains("5:11 Attribute \"id\" duplicated (no-dup-attr)"), () -> describe(result));
        assertTrue(result.stderr().contains("5:23 Stray end tag '</span>' (close-order)"), () -> describe(result));
    }

    @Test
    void aFragmentWithoutDoctypeOrHtmlElementRuns() {
        ExecutionResult result = run("<p>Hi</p>\n<script>console.log(document.querySelector('p').textContent)</script>\n");
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("Hi\n", result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void aMissingLangIsAWarningOnly() {
        ExecutionResult result = run(page("console.log('ran');").replace(" lang=\"en\"", ""));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("ran\n", result.stdout());
        assertEquals("2:2 warning: <html> is missing required \"lang\" attribute (element-required-attributes)\n",
                result.stderr());
    }

    @Test
    void loadsStylesheetsAndScriptsFromTheWorkspace() {
        String markup = page("console.log(getComputedStyle(document.querySelector('p')).color, double(21));")
                .replace("<title>test</title>", "<title>test</title>\n<link rel=\"stylesheet\" href=\"css/style.css\">")
                .replace("<p>Text</p>", "<p>Text</p>\n<script src=\"app.js\"></script>");
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("html", markup)
                .file("css/style.css", "p { color: red; }\n")
                .file("app.js", "console.log('app.js ran');\nfunction double(x) {\n  return 2 * x;\n}\n")
                .build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("app.js ran\nrgb(255, 0, 0) 42\n", result.stdout());
        assertEquals("", result.stderr());
    }

    @Test
    void anErrorInALoadedScriptNamesThatFile() {
        String markup = page("console.log('inline ran');").replace("<p>Text</p>", "<p>Text</p>\n<script src=\"app.js\"></script>");
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("html", markup)
                .file("app.js", "\nnull.boom();\n").build());
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertTrue(result.stderr().startsWith("app.js:2:6 Uncaught TypeError"), () -> describe(result));
        assertEquals("inline ran\n", result.stdout());
    }

    @Test
    void aMissingScriptIsAWarningAsInABrowser() {
        String markup = page("console.log('inline ran');").replace("<p>Text</p>", "<p>Text</p>\n<script src=\"missing.js\"></script>");
        ExecutionResult result = run(markup);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("inline ran\n", result.stdout());
        assertEquals("warning: Could not load script: \"missing.js\": no such file in the workspace\n", result.stderr());
    }

    @Test
    void loadsNothingFromOutsideTheWorkspace() {
        String markup = page("console.log(typeof window.loaded);").replace("<p>Text</p>", "<p>Text</p>\n"
                + "<script src=\"data:text/javascript,window.loaded=1\"></script>\n"
                + "<script src=\"/etc/hostname\"></script>\n<script src=\"../etc/hostname\"></script>\n"
                + "<script src=\"http://example.com/x.js\"></script>");
        ExecutionResult result = run(markup);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("undefined\n", result.stdout());
        assertEquals(4, result.stderr().lines().filter(line -> line.endsWith("is not loaded (only files of the workspace are)"))
                .count(), () -> describe(result));
    }
}
