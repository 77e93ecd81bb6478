package dev.jsandbox.languages.html;

import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.util.List;

/**
 * HTML pages in {@code jsandbox/node}, run as a headless, offline browser would by the image's
 * {@code run-html.cjs}.
 *
 * <ol>
 *   <li>html-validate checks the page against the HTML standard (its {@code standard} rules, no style rules).
 *       Each problem goes to stderr as {@code LINE:COLUMN message (rule)}. Two rules that flag what the standard
 *       allows or only recommends ({@code <html>} without {@code lang}, an implied {@code <head>}) are warnings.
 *   <li>jsdom loads the page and runs its inline classic scripts (not {@code type="module"} ones). Nothing is
 *       fetched: external scripts, stylesheets, images and frames are not loaded. What the scripts log with
 *       {@code console.log}, {@code info} or {@code debug} is the stdout; {@code console.warn} and {@code error}
 *       go to stderr. An uncaught script error goes to stderr as {@code LINE:COLUMN Uncaught Error: message},
 *       followed by the page's stack frames. Timers run until none is left, so a page that never stops timing
 *       out.
 * </ol>
 *
 * <p>The exit code is 1 when the page breaks the standard or a script threw, else 0. Page scripts have no stdin,
 * arguments or exit code of their own; a request's stdin and arguments are ignored.
 */
public final class HtmlRuntime implements LanguageRuntime {


    @Override
    public String id() {
        return "html";
    }

    @Override
    public String image() {
        return "jsandbox/node:2";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        // The page's scripts share V8's heap with jsdom; it may grow to the container's whole memory, so a memory
        // hog meets the kernel's limit (reported as exceeding the memory limit), not V8's.
        return ExecutionPlan.interpreted("index.html", List.of("node", "--max-old-space-size=" + request.memoryMiB(),
                "/usr/local/lib/jsandbox/node/run-html.cjs", "index.html"));
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


    @Override
    public String buildCommand() {
        return "docker/build-images.sh node";
    }
}
