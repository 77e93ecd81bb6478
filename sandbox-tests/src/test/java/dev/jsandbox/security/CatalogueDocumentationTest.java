package dev.jsandbox.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The hostile catalogue is well-formed, and the table in SECURITY.md is generated from it: a unit test, so it runs
 * without Docker. When the table is out of date the test fails; regenerate it with
 * {@code mvn -pl sandbox-tests test -Dtest=CatalogueDocumentationTest -Djsandbox.writeCatalogue=true}.
 */
class CatalogueDocumentationTest {

    static final String BEGIN = "<!-- hostile-catalogue:begin (generated from sandbox-tests/src/test/resources/hostile"
            + " by CatalogueDocumentationTest; do not edit by hand) -->";
    static final String END = "<!-- hostile-catalogue:end -->";
    /** The order of the language columns; the extension names the language. */
    private static final List<String> EXTENSIONS = List.of("py", "c", "cpp", "js", "ts", "java", "go", "html", "css");

    private final HostileCatalogue catalogue = HostileCatalogue.load();

    @Test
    void everyCaseHasAKnownLanguageAndItsReferencesResolve() {
        assertFalse(catalogue.cases().isEmpty());
        for (HostileCase hostile : catalogue.cases()) {
            assertTrue(EXTENSIONS.contains(hostile.extension()), hostile.id() + ": unknown language extension");
            hostile.expectations().get("then").ifPresent(then -> assertTrue(
                    catalogue.find(then + "." + hostile.extension()).isPresent(),
                    hostile.id() + ": then = " + then + " has no ." + hostile.extension() + " program"));
            hostile.expectations().get("alongside").ifPresent(alongside -> assertTrue(
                    catalogue.find(alongside).isPresent(), hostile.id() + ": alongside = " + alongside + " is no case"));
        }
    }

    @Test
    void securityMdShowsTheCatalogueAsItIs() throws IOException {
        Path securityMd = Path.of(System.getProperty("basedir", "."), "..", "SECURITY.md").normalize();
        String text = Files.readString(securityMd, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "SECURITY.md lacks the catalogue markers");
        String generated = BEGIN + "\n" + table() + END;
        String current = text.substring(begin, end + END.length());
        if (!generated.equals(current) && Boolean.getBoolean("jsandbox.writeCatalogue")) {
            Files.writeString(securityMd, text.substring(0, begin) + generated + text.substring(end + END.length()),
                    StandardCharsets.UTF_8);
            return;
        }
        List<String> want = generated.lines().toList();
        List<String> have = current.lines().toList();
        int line = 0;
        while (line < Math.min(want.size(), have.size()) && want.get(line).equals(have.get(line))) {
            line++;
        }
        int differs = line;
        assertEquals(generated, current, () -> "SECURITY.md's catalogue is out of date (first difference in its line "
                + (differs + 1) + ": expected\n  " + (differs < want.size() ? want.get(differs) : "(nothing)")
                + "\nbut found\n  " + (differs < have.size() ? have.get(differs) : "(nothing)") + "\n); regenerate it "
                + "with mvn -pl sandbox-tests test -Dtest=CatalogueDocumentationTest -Djsandbox.writeCatalogue=true");
    }

    /** One row per attack: what it does, which languages run it, and what must happen. */
    String table() {
        Map<String, List<HostileCase>> byAttack = new LinkedHashMap<>();
        catalogue.cases().forEach(c -> byAttack.computeIfAbsent(c.attack(), k -> new ArrayList<>()).add(c));
        StringBuilder out = new StringBuilder();
        out.append("| Case | Attack | Languages | Required outcome |\n|---|---|---|---|\n");
        int languagesRun = 0;
        for (List<HostileCase> cases : byAttack.values()) {
            HostileCase first = cases.get(0);
            List<String> languages = cases.stream().map(HostileCase::extension)
                    .sorted((a, b) -> Integer.compare(EXTENSIONS.indexOf(a), EXTENSIONS.indexOf(b))).toList();
            languagesRun += languages.size();
            out.append("| `").append(first.attack()).append("` | ").append(escape(first.expectations().description()))
                    .append(" | ").append(String.join(" ", languages)).append(" | ").append(outcome(cases))
                    .append(" |\n");
        }
        out.append("\n").append(byAttack.size()).append(" attacks, ").append(languagesRun)
                .append(" programs (attack × language).\n");
        return out.toString();
    }

    private static String outcome(List<HostileCase> cases) {
        Map<String, List<String>> byOutcome = new LinkedHashMap<>();
        for (HostileCase hostile : cases) {
            byOutcome.computeIfAbsent(outcome(hostile.expectations()), k -> new ArrayList<>()).add(hostile.extension());
        }
        if (byOutcome.size() == 1) {
            return byOutcome.keySet().iterator().next();
        }
        return byOutcome.entrySet().stream().map(e -> String.join(" ", e.getValue()) + ": " + e.getKey())
                .collect(Collectors.joining("; "));
    }

    private static String outcome(Expectations expect) {
        Set<String> parts = new LinkedHashSet<>();
        if (expect.rejected().isPresent()) {
            parts.add("rejected (" + expect.rejected().get() + ") before any container");
        } else {
            parts.add(expect.statuses().stream().map(ExecutionStatus::name).map(s -> "**" + s + "**")
                    .collect(Collectors.joining(" or ")));
        }
        Map<String, String> v = expect.values();
        if ("true".equals(v.get("oomKilled"))) {
            parts.add("OOM flagged");
        }
        if (v.containsKey("exitCode")) {
            String signal = v.get("signal");
            parts.add("exit code " + v.get("exitCode")
                    + (signal != null && !signal.strip().equals("none") ? " (signal " + signal + ")" : ""));
        }
        if (v.containsKey("peakMemory.min") || v.containsKey("peakMemory.max")) {
            String max = v.getOrDefault("peakMemory.max", "").replace("${memoryBytes}", "the memory limit");
            parts.add("peak memory" + (v.containsKey("peakMemory.min") ? " ≥ " + v.get("peakMemory.min") : "")
                    + (max.isEmpty() ? "" : " < " + max));
        }
        if ("true".equals(v.get("stdoutTruncated")) || "true".equals(v.get("stderrTruncated"))
                || "true".equals(v.get("truncated.any"))) {
            parts.add("output capped at exactly the limit");
        }
        for (String key : List.of("wallTime.max", "compileTime.max")) {
            if (v.containsKey(key)) {
                String bound = v.get(key).replace("+", " + ");
                String limit = key.startsWith("wall") ? "limits.timeout" : "limits.compileTimeout";
                if (bound.contains("imeout") && v.containsKey(limit)) {
                    bound += " (" + (key.startsWith("wall") ? "timeout " : "compile timeout ") + v.get(limit) + ")";
                }
                parts.add((key.startsWith("wall") ? "wall" : "compile") + " ≤ " + bound);
            }
        }
        if (v.keySet().stream().anyMatch(k -> k.startsWith("output.excludes")) && v.values().stream()
                .anyMatch(value -> value.contains("${canary}") || value.contains("${hostCanarySecret}"))) {
            parts.add("no host secret in any output");
        }
        if (v.containsKey("runs")) {
            parts.add("clean in each of " + v.get("runs") + " runs");
        }
        if (v.containsKey("then")) {
            parts.add("next run unaffected");
        }
        if (v.containsKey("alongside")) {
            parts.add("neighbour container unaffected");
        }
        boolean exact = v.containsKey("stdout") || v.containsKey("stdout.matches");
        if (exact && !expect.rejected().isPresent()) {
            parts.add("exact output");
        }
        return String.join(", ", parts);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
