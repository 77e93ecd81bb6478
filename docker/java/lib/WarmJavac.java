import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The warm stage of the Java runtime (see dev.jsandbox.spi.WarmStage and runner.c): a JVM with the flags of
 * javac.args that loads javac and compiles a small program a few times in memory before its job exists, then blocks
 * reading file descriptor 3, the control pipe only the runner writes. The runner hands it the compile step's source
 * files there; it then does exactly what {@code java @javac.args FILE...} does - com.sun.tools.javac.Main with the
 * javac options of javac.args and those files, diagnostics on stderr, and System.exit with javac's status - so the
 * compile output and status are those of a new compiler JVM. The program itself always runs in a fresh JVM.
 *
 * <p>Usage: {@code java JVM-FLAGS -cp warm.jar WarmJavac /usr/local/lib/jsandbox/java/javac.args}. The warm-up writes no
 * file: its classes stay in memory.
 */
public final class WarmJavac {

    private static final String MAIN_CLASS_LINE = "jdk.compiler/com.sun.tools.javac.Main";
    private static final String CONTROL = "/proc/self/fd/3";
    private static final int WARM_UP_ROUNDS = 3;
    private static final String WARM_UP_SOURCE = String.join("\n",
            "import java.util.*;",
            "import java.util.stream.*;",
            "public class Main {",
            "    record Point(int x, int y) { int norm() { return Math.abs(x) + Math.abs(y); } }",
            "    interface Shape { double area(); }",
            "    enum Kind { A, B, C }",
            "    static <T extends Comparable<T>> T max(List<T> list) { return Collections.max(list); }",
            "    public static void main(String[] args) {",
            "        Scanner in = new Scanner(System.in);",
            "        List<Point> points = new ArrayList<>();",
            "        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);",
            "        for (int i = 0; i < 10; i++) { points.add(new Point(i, -i)); counts.merge(Kind.A, 1, Integer::sum); }",
            "        String joined = points.stream().map(p -> String.valueOf(p.norm())).collect(Collectors.joining(\",\"));",
            "        Shape s = () -> 2.0;",
            "        switch (Kind.B) { case A -> System.out.println(1); default -> System.out.printf(\"%s %d%n\", joined, max(List.of(1, 2))); }",
            "        long total = IntStream.range(0, 100).mapToLong(v -> (long) v * v).sum();",
            "        StringBuilder sb = new StringBuilder();",
            "        try { sb.append(total).append(s.area()); } catch (RuntimeException e) { throw new IllegalStateException(e); }",
            "        System.out.println(sb);",
            "    }",
            "}");

    private WarmJavac() {
    }

    public static void main(String[] args) throws IOException {
        List<String> options = javacOptions(Path.of(args[0]));
        List<String> javacArgs = new ArrayList<>(options);
        try (InputStream control = new FileInputStream(CONTROL)) {
            warmUp(options, control);
            javacArgs.addAll(readControl(control));
        }
        System.exit(com.sun.tools.javac.Main.compile(javacArgs.toArray(new String[0])));
    }

    /** The javac options of javac.args: the arguments after the compiler's main class, comments left out. */
    static List<String> javacOptions(Path argsFile) throws IOException {
        List<String> options = new ArrayList<>();
        boolean after = false;
        for (String line : Files.readAllLines(argsFile, StandardCharsets.UTF_8)) {
            String argument = line.strip();
            if (argument.isEmpty() || argument.startsWith("#")) {
                continue;
            }
            if (after) {
                options.add(argument);
            } else if (argument.equals(MAIN_CLASS_LINE)) {
                after = true;
            }
        }
        if (!after) {
            throw new IllegalStateException(argsFile + " does not name " + MAIN_CLASS_LINE);
        }
        return options;
    }

    /**
     * Compiles a small program in memory, so that javac's classes are loaded, initialised and compiled by C1. The
     * first round loads what the job's compilation needs anyway; the later ones only make it faster, so they are
     * left out once the job is waiting (its hand-over is in the control pipe), which would otherwise pay for them.
     */
    private static void warmUp(List<String> options, InputStream control) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> inMemory = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).equals("-d")) {
                i++; // class files stay in memory
            } else {
                inMemory.add(options.get(i));
            }
        }
        for (int round = 0; round < WARM_UP_ROUNDS && (round == 0 || control.available() == 0); round++) {
            try (StandardJavaFileManager standard = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
                    JavaFileManager memory = new InMemoryOutput(standard)) {
                JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///Main.java"),
                        JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return WARM_UP_SOURCE;
                    }
                };
                compiler.getTask(new StringWriter(), // the warm-up prints nothing
                        memory, null, inMemory, null, List.of(source)).call();
            }
        }
    }

    /** The arguments the runner hands over: "COUNT\n" then "LENGTH\nBYTES" per argument, then end of file. */
    private static List<String> readControl(InputStream control) throws IOException {
        // Read in a loop: FileInputStream.readAllBytes asks a pipe for its position, which fails (Illegal seek).
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = control.read(buffer); n >= 0; n = control.read(buffer)) {
            received.write(buffer, 0, n);
        }
        byte[] message = received.toByteArray();
        int[] offset = {0};
        int count = number(message, offset);
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = number(message, offset);
            arguments.add(new String(message, offset[0], length, StandardCharsets.UTF_8));
            offset[0] += length;
        }
        return arguments;
    }

    private static int number(byte[] message, int[] offset) {
        int value = 0;
        for (int i = offset[0]; i < message.length; i++) {
            if (message[i] == '\n') {
                offset[0] = i + 1;
                return value;
            }
            value = Math.addExact(Math.multiplyExact(value, 10), message[i] - '0');
        }
        throw new IllegalStateException("malformed hand-over");
    }

    /** Keeps the warm-up's class files in memory. */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<JavaFileManager> {
        InMemoryOutput(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream();
                }
            };
        }
    }
}
