import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Scanner;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Run once when the image is built, with -XX:ArchiveClassesAtExit: the JDK classes it loads (beyond those of the
 * JDK's own CDS archive) are archived, so that programs using the same APIs start faster in the sandbox.
 */
public class CdsTraining {
    record Point(int x, int y) {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        List<Long> numbers = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            for (String token : line.trim().split("\\s+")) {
                if (!token.isEmpty()) {
                    numbers.add(Long.parseLong(token));
                }
            }
        }
        Scanner scanner = new Scanner("3 4.5 word\nline two");
        int count = scanner.nextInt();
        double value = scanner.nextDouble();
        String word = scanner.next() + scanner.nextLine();
        Map<Boolean, List<Long>> parts = numbers.stream().collect(Collectors.partitioningBy(n -> n % 2 == 0));
        Map<String, Integer> counts = new HashMap<>(new TreeMap<>(Map.of("a", 1)));
        counts.merge("a", 1, Integer::sum);
        PriorityQueue<Point> queue = new PriorityQueue<>((p, q) -> Integer.compare(p.x(), q.x()));
        queue.add(new Point(2, 1));
        ArrayDeque<Integer> deque = new ArrayDeque<>(List.of(1, 2));
        int[] sorted = IntStream.rangeClosed(1, 5).map(i -> 6 - i).toArray();
        Arrays.sort(sorted);
        StringBuilder text = new StringBuilder(String.join(",", new HashSet<>(List.of("x"))));
        text.append(Optional.ofNullable(word).orElse("")).reverse();
        PrintWriter out = new PrintWriter(System.out);
        out.printf("%d %.2f %s %s %s %s %s %s%n", count, Math.sqrt(value), parts, counts, queue.peek(), deque,
                Arrays.toString(sorted), text);
        out.println(String.format("%5s|%-5s|%x", "r", "l", 255) + " " + "α".repeat(2) + " " + Long.MAX_VALUE);
        out.flush();
        System.err.println(new IllegalStateException("archived too").getMessage());
    }
}
