package dev.jsandbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's configuration table names exactly the variables the server reads: one table, kept true. */
class ConfigurationTableTest {

    /** Read by docker-java, not by EnvironmentConfig, and documented for operators all the same. */
    private static final Set<String> READ_BY_LIBRARIES = Set.of("DOCKER_HOST");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|");

    @Test
    void theReadmeTableListsEveryVariableTheCodeReads() throws Exception {
        Set<String> asked = new TreeSet<>();
        // Records every variable EnvironmentConfig asks for, whether set or not.
        Map<String, String> environment = new AbstractMap<>() {
            @Override
            public String get(Object key) {
                asked.add((String) key);
                return null;
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                return Set.of();
            }
        };
        EnvironmentConfig config = new EnvironmentConfig(environment, new Properties());
        config.read();
        config.value("JSANDBOX_LOG_FORMAT"); // SandboxServerMain reads it before anything else
        ServerMetrics.fromEnvironment(config).close(); // and the metrics' key beside the configuration

        Set<String> documented = new TreeSet<>();
        Matcher row = TABLE_ROW.matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            documented.add(row.group(1));
        }
        documented.removeAll(READ_BY_LIBRARIES);
        assertEquals(asked, documented);
    }
}
