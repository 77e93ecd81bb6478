package dev.jsandbox.security;

import dev.jsandbox.testkit.DockerSandboxExtension;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The hostile programs of {@code src/test/resources/hostile}: one folder per category, one file per program, and
 * next to it the expectations ({@code <name>.expect} for every language of the attack, {@code <name>.<ext>.expect}
 * to override keys for one language). See {@code hostile/README.md} for the format.
 *
 * <p>Loading is strict: a program without expectations, an expectation file without a program, and an unknown key
 * are errors, so that a typo can never turn a case into one that asserts nothing.
 */
public final class HostileCatalogue {

    /** Prefix of the expectation keys that apply under gVisor only (hostile/README.md). */
    static final String GVISOR_PREFIX = "gvisor.";


    private static final String EXPECT = ".expect";

    private final Path root;
    private final List<HostileCase> cases;

    private HostileCatalogue(Path root, List<HostileCase> cases) {
        this.root = root;
        this.cases = List.copyOf(cases);
    }

    /** The catalogue on the test class path ({@code /hostile}). */
    public static HostileCatalogue load() {
        URL url = HostileCatalogue.class.getResource("/hostile");
        if (url == null) {
            throw new IllegalStateException("no /hostile folder on the test class path");
        }
        try {
            return load(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The catalogue in a folder. */
    public static HostileCatalogue load(Path root) {
        List<HostileCase> cases = new ArrayList<>();
        try (Stream<Path> categories = Files.list(root)) {
            for (Path category : categories.filter(Files::isDirectory).sorted().toList()) {
                cases.addAll(loadCategory(category));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HostileCatalogue(root, cases);
    }

    private static List<HostileCase> loadCategory(Path folder) throws IOException {
        String category = folder.getFileName().toString();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
        Set<Path> usedExpectations = new HashSet<>();
        List<HostileCase> cases = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            if (fileName.endsWith(EXPECT) || fileName.equals("README.md")) {
                continue;
            }
            int dot = fileName.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalStateException(file + ": a program needs an extension that names its language");
            }
            String name = fileName.substring(0, dot);
            String extension = fileName.substring(dot + 1);
            Path shared = folder.resolve(name + EXPECT);
            Path specific = folder.resolve(fileName + EXPECT);
            Map<String, String> merged = new LinkedHashMap<>();
            boolean found = false;
            for (Path expectation : List.of(shared, specific)) {
                if (Files.isRegularFile(expectation)) {
                    merged.putAll(read(expectation));
                    usedExpectations.add(expectation);
                    found = true;
                }
            }
            // "unset = key, key" in a language's file drops keys of the shared file that do not apply to it.
            String unset = merged.remove("unset");
            if (unset != null) {
                for (String key : unset.split(",")) {
                    if (merged.remove(key.strip()) == null) {
                        throw new IllegalStateException(file + ": unset = " + key.strip() + ", which is not set");
                    }
                }
            }
            if (!found) {
                throw new IllegalStateException(file + " has no expectations: add " + shared.getFileName() + " or "
                        + specific.getFileName());
            }
            // "gvisor.KEY = value" replaces KEY when the run is under gVisor (an empty value removes it): only where
            // gVisor legitimately differs, with a comment saying why (SECURITY.md, gVisor).
            Map<String, String> underGvisor = new LinkedHashMap<>();
            merged.keySet().removeIf(key -> {
                if (key.startsWith(GVISOR_PREFIX)) {
                    underGvisor.put(key.substring(GVISOR_PREFIX.length()), merged.get(key));
                    return true;
                }
                return false;
            });
            if (DockerSandboxExtension.underGvisor()) {
                underGvisor.forEach((key, value) -> {
                    if (value.isBlank()) {
                        merged.remove(key);
                    } else {
                        merged.put(key, value);
                    }
                });
            }
            Expectations expectations;
            try {
                new Expectations(mergedWith(merged, underGvisor)); // the gVisor variant must be valid everywhere
                expectations = new Expectations(merged);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ": " + e.getMessage(), e);
            }
            cases.add(new HostileCase(category, name, extension, file, expectations));
        }
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(EXPECT) && !usedExpectations.contains(file)) {
                throw new IllegalStateException(file + " belongs to no program (the program's name must match)");
            }
        }
        return cases;
    }

    private static Map<String, String> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }

    /** Every case, ordered by category, name and extension. */
    public List<HostileCase> cases() {
        return cases;
    }

    /** The case with this id ({@code category/name.ext}). */
    public Optional<HostileCase> find(String id) {
        return cases.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The folder the catalogue was read from. */
    public Path root() {
        return root;
    }

    /** The program's text. */
    public static String text(HostileCase hostileCase) {
        try {
            return Files.readString(hostileCase.program(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> mergedWith(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> result = new LinkedHashMap<>(base);
        overrides.forEach((key, value) -> {
            if (value.isBlank()) {
                result.remove(key);
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
