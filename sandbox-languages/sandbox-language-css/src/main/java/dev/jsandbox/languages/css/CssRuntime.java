package dev.jsandbox.languages.css;

import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.ImageRecipe;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
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
 */
public final class CssRuntime implements LanguageRuntime {

    private static final String MAIN = "style.css";

    @Override
    public String id() {
        return "css";
    }

    @Override
    public String image() {
        return "jsandbox/node:2";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        // V8's heap may grow to the container's whole memory, so that the kernel's limit is the only one.
        List<String> run = new ArrayList<>(List.of("node", "--max-old-space-size=" + request.memoryMiB(),
                "/usr/local/lib/jsandbox/node/run-css.cjs", MAIN));
        request.fileNamesEndingWith(".css").stream().filter(name -> !name.equals(MAIN)).forEach(run::add);
        return ExecutionPlan.interpreted(MAIN, run);
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
