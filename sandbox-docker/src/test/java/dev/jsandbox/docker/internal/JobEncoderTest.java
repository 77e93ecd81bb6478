package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsandbox.spi.ExecutionPlan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobEncoderTest {

    @Test
    void encodesLengthPrefixedItemsAndAppendsArgsAndStdin() {
        ExecutionPlan plan = ExecutionPlan.compiled("main.c", List.of("gcc", "main.c"), List.of("./main"))
                .withEnvironment(Map.of("X", "1"));
        byte[] code = "int main(){}\0".getBytes(StandardCharsets.UTF_8);
        byte[] job = JobEncoder.encode(new JobEncoder.Job("abc", plan, code, List.of("a b", "$(x)"),
                "in\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10), Duration.ofMillis(1500), 4096));

        List<String> items = decode(job);
        assertEquals(List.of("jsandbox-job/1", "abc", "10000", "1500", "4096", "1", "main.c", "int main(){}\0"),
                items.subList(0, 8));
        int envCount = Integer.parseInt(items.get(8));
        List<String> env = items.subList(9, 9 + envCount);
        assertEquals(5, envCount);
        assertEquals(true, env.contains("X=1") && env.contains("HOME=/workspace") && env.contains("LANG=C.UTF-8"));
        List<String> rest = items.subList(9 + envCount, items.size());
        assertEquals(List.of("2", "gcc", "main.c", "3", "./main", "a b", "$(x)", "3"), rest.subList(0, 8));
        String text = new String(job, StandardCharsets.UTF_8);
        assertEquals(true, text.endsWith("1\n3in\n"), "stdin length as an item, then the raw stdin");
    }

    /** Reads "<length>\n<bytes>" items until the stdin payload (the item after the last count). */
    private static List<String> decode(byte[] job) {
        List<String> items = new ArrayList<>();
        int i = 0;
        String text = new String(job, StandardCharsets.ISO_8859_1);
        while (i < job.length) {
            int newline = text.indexOf('\n', i);
            if (newline < 0 || !text.substring(i, newline).matches("\\d+")) {
                break; // the raw stdin after the last item
            }
            int length = Integer.parseInt(text.substring(i, newline));
            items.add(new String(job, newline + 1, length, StandardCharsets.UTF_8));
            i = newline + 1 + length;
        }
        return items;
    }
}
