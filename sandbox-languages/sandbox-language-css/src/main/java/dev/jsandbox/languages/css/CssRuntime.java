package dev.jsandbox.languages.css;

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
 * CSS stylesheets in {@code jsandbox/node}, checked by the image's {@code run-css.cjs}.
 *
 * <p>csstree-validator parses the sheet and matches every declaration against the CSS grammars of the properties
 * (from the specifications and MDN). Each problem, a syntax error, an unknown property or a value that does not
 * fit its property, goes to stderr as {@code LINE:COLUMN message}, with the mismatch drawn below it. The stdout is
 * the stylesheet as CSSTree understood it, normalized (comments and redundant whitespace dropped, one line),
 * printed even when invalid. The exit code is 1 when there is a problem, else 0. A stylesheet has no stdin or
 * arguments; a request's are ignored.
 *
 * <p><b>Several files.</b> {@code style.css} and then every {@code .css} file of the request, in the request's
 * order, are checked one after another. With more than one sheet, each problem reads
 * {@code FILE:LINE:COLUMN message} and each normalized sheet on stdout follows a line {@code /* FILE *}{@code /}.
 * {@code @import} rules are checked as rules, not followed.
 *
 * <p><b>Warm start.</b> A pre-started container starts node with csstree-validator and css-tree loaded, and used once
 * on a fixed sheet, before the job is known; the sheets are then checked in that process, as
 * {@code node run-css.cjs style.css ...} would (the image's {@code warm.cjs} and {@code warm-css.cjs}).
 */
public final class CssRuntime implements LanguageRuntime {

    private static final String NODE_TOOLS = "/usr/local/lib/jsandbox/node";
    private static final String RUNNER = NODE_TOOLS + "/run-css.cjs";

    private static final String MAIN = "style.css";

    @Override
    public String id() {
        return "css";
    }

    @Override
    public String image() {
        return "jsandbox/node:3";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        // V8's heap may grow to the container's whole memory, so that the kernel's limit is the only one.
        List<String> run = new ArrayList<>(List.of("node", "--max-old-space-size=" + request.memoryMiB(),
                RUNNER, MAIN));
        request.fileNamesEndingWith(".css").stream().filter(name -> !name.equals(MAIN)).forEach(run::add);
        return ExecutionPlan.interpreted(MAIN, run);
    }

    /** A node process with csstree-validator and css-tree loaded and used once (the image's warm-css.cjs). */
    @Override
    public Optional<WarmStage> warmStage(Limits limits) {
        List<String> node = List.of("node", "--max-old-space-size=" + (limits.memoryBytes() >> 20));
        List<String> command = new ArrayList<>(node);
        command.addAll(List.of(NODE_TOOLS + "/warm.cjs", RUNNER, "csstree-validator", "css-tree", "./warm-css.cjs"));
        List<String> serves = new ArrayList<>(node);
        serves.add(RUNNER);
        return Optional.of(WarmStage.of(command, serves));
    }

    @Override
    public String displayName() {
        return "CSS";
    }

    @Override
    public String fileExtension() {
        return "css";
    }

    /** Built from the repository's {@code docker/node}, which this jar ships. */
    @Override
    public Optional<ImageRecipe> imageRecipe() {
        return Optional.of(ImageRecipe.onBase("META-INF/jsandbox/images/node"));
    }

    @Override
    public String buildCommand() {
        return "java -jar jsandbox-server.jar images build --language css";
    }
}
