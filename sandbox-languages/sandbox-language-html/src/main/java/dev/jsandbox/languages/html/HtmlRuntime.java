package dev.jsandbox.languages.html;

import dev.jsandbox.api.Limits;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.ImageRecipe;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import dev.jsandbox.spi.WarmStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HTML pages in {@code jsandbox/node}, run as a headless, offline browser would by the image's
 * {@code run-html.cjs}.
 *
 * <ol>
 *   <li>html-validate checks the page against the HTML standard (its {@code standard} rules, no style rules).
 *       Each problem goes to stderr as {@code LINE:COLUMN message (rule)}. Two rules that flag what the standard
 *       allows or only recommends ({@code <html>} without {@code lang}, an implied {@code <head>}) are warnings.
 *   <li>jsdom loads the page and runs its classic scripts (not {@code type="module"} ones), inline or loaded with
 *       {@code <script src="app.js">}, and loads its stylesheets ({@code <link rel="stylesheet" href="style.css">},
 *       which {@code getComputedStyle} then sees) and frames. What the scripts log with {@code console.log},
 *       {@code info} or {@code debug} is the stdout; {@code console.warn} and {@code error} go to stderr. An
 *       uncaught script error goes to stderr as {@code LINE:COLUMN Uncaught Error: message}
 *       ({@code FILE:LINE:COLUMN ...} in a loaded script), followed by the stack frames of the page's files. Timers
 *       run until none is left, so a page that never stops timing out.
 * </ol>
 *
 * <p><b>Several files.</b> The request's further files are what the page loads, by their relative paths
 * ({@code js/app.js}, {@code css/style.css}). Only regular files inside the workspace are served: any other URL
 * ({@code http:}, {@code data:}, an absolute path or {@code ..} leading out of the workspace, a symbolic link
 * pointing out of it) is not loaded, with a warning on stderr. A file the page names that does not exist gets a
 * warning too ({@code warning: Could not load script: "app.js": no such file in the workspace}) and, as in a
 * browser, does not fail the page by itself.
 *
 * <p>The exit code is 1 when the page breaks the standard or a script threw, else 0.
 * Page scripts have no stdin, arguments or exit code of their own; a request's stdin and arguments are ignored. The
 * scripts share V8's heap with jsdom, whose limit is the container's memory ({@code --max-old-space-size}), so a
 * page that keeps allocating is killed by the kernel, which the sandbox reports as exceeding the memory limit.
 *
 * <p><b>Warm start.</b> A pre-started container starts node with html-validate and jsdom loaded, and used once on a
 * fixed page, before the job is known; the page then runs in that process, as {@code node run-html.cjs index.html}
 * would (the image's {@code warm.cjs} and {@code warm-html.cjs}).
 */
public final class HtmlRuntime implements LanguageRuntime {

    private static final String NODE_TOOLS = "/usr/local/lib/jsandbox/node";
    private static final String RUNNER = NODE_TOOLS + "/run-html.cjs";

    @Override
    public String id() {
        return "html";
    }

    @Override
    public String image() {
        return "jsandbox/node:3";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        // The page's scripts share V8's heap with jsdom; it may grow to the container's whole memory, so a memory
        // hog meets the kernel's limit (reported as exceeding the memory limit), not V8's.
        return ExecutionPlan.interpreted("index.html", List.of("node", "--max-old-space-size=" + request.memoryMiB(),
                RUNNER, "index.html"));
    }

    /** A node process with html-validate and jsdom loaded and used once (the image's warm.cjs, warm-html.cjs). */
    @Override
    public Optional<WarmStage> warmStage(Limits limits) {
        List<String> node = List.of("node", "--max-old-space-size=" + (limits.memoryBytes() >> 20));
        List<String> command = new ArrayList<>(node);
        command.addAll(List.of(NODE_TOOLS + "/warm.cjs", RUNNER, "html-validate", "jsdom", "./warm-html.cjs"));
        List<String> serves = new ArrayList<>(node);
        serves.add(RUNNER);
        return Optional.of(WarmStage.of(command, serves));
    }

    @Override
    public String displayName() {
        return "HTML";
    }

    @Override
    public List<String> aliases() {
        return List.of("htm");
    }

    @Override
    public String fileExtension() {
        return "html";
    }

    /** Built from the repository's {@code docker/node}, which this jar ships. */
    @Override
    public Optional<ImageRecipe> imageRecipe() {
        return Optional.of(ImageRecipe.onBase("META-INF/jsandbox/images/node"));
    }

    @Override
    public String buildCommand() {
        return "java -jar jsandbox-server.jar images build --language html";
    }
}
