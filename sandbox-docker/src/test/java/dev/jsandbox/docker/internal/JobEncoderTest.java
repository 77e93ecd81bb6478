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
    void encodesLengthPrefixedItemsWithFilesArgsAndOneStdinPerRun() {
        ExecutionPlan plan = ExecutionPlan.compiled("main.c", List.of("gcc", "main.c"), List.of("./main"))
                .withEnvironment(Map.of("X", "1"));
        byte[] job = JobEncoder.encode(new JobEncoder.Job(plan,
                List.of(new JobEncoder.JobFile("main.c", utf8("int main(){}\0")),
                        new JobEncoder.JobFile("lib/util.h", utf8("#define X 1\n"))),
                List.of("a b", "$(x)"), List.of(utf8("in\n"), utf8("")), Duration.ofSeconds(10),
                Duration.ofMillis(1500), 4096, 8192));

        List<String> items = decode(job);
        assertEquals(List.of("jsandbox-job/3", "10000", "1500", "4096", "8192", "2", "main.c", "int main(){}\0",
                "lib/util.h", "#define X 1\n"), items.subList(0, 10));
        int envCount = Integer.parseInt(items.get(10));
        List<String> env = items.subList(11, 11 + envCount);
        assertEquals(5, envCount);
        assertEquals(true, env.contains("X=1") && env.contains("HOME=/workspace") && env.contains("LANG=C.UTF-8"));
        List<String> rest = items.subList(11 + envCount, items.size());
        assertEquals(List.of("2", "gcc", "main.c", "3", "./main", "a b", "$(x)", "2", "in\n", ""), rest);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads every "<length>\n<bytes>" item. */
    private static List<String> decode(byte[] job) {
        List<String> items = new ArrayList<>();
        int i = 0;
        String text = new String(job, StandardCharsets.ISO_8859_1);
        while (i < job.length) {
            int newline = text.indexOf('\n', i);
            int length = Integer.parseInt(text.substring(i, newline));
            items.add(new String(job, newline + 1, length, StandardCharsets.UTF_8));
            i = newline + 1 + length;
        }
        return items;
    }
}
