package dev.jsandbox.languages.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.testkit.CompiledLanguageContract;
import org.junit.jupiter.api.Test;

class JavaRuntimeIT extends CompiledLanguageContract {

    @Override
    protected String language() {
        return "java";
    }

    @Override
    protected String helloWorld() {
        return program("System.out.println(\"Hello, World!\");");
    }

    @Override
    protected String echoStdin() {
        return "import java.io.*;\n" + program("""
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
                for (String line = in.readLine(); line != null; line = in.readLine()) System.out.println(line);""");
    }

    @Override
    protected String printArgs() {
        return program("for (String arg : args) System.out.println(arg);");
    }

    @Override
    protected String exitWithCode3() {
        return program("System.exit(3);");
    }

    @Override
    protected String runtimeError() {
        return program("int zero = args.length;\nSystem.out.println(1 / zero);");
    }

    @Override
    protected String runtimeErrorText() {
        return "Exception in thread \"main\" java.lang.ArithmeticException: / by zero";
    }

    @Override
    protected String unicode() {
        return program("System.out.println(\"" + UNICODE_TEXT + "\");");
    }

    @Override
    protected String endlessLoop() {
        return program("while (true) { }");
    }

    @Override
    protected String allocate(int mebibytes) {
        return program("byte[][] blocks = new byte[" + mebibytes + "][];\n"
                + "for (int i = 0; i < blocks.length; i++) { blocks[i] = new byte[1 << 20]; java.util.Arrays.fill(blocks[i], (byte) 1); }\n"
                + "long total = 0;\nfor (byte[] block : blocks) total += block[block.length - 1];\n"
                + "System.out.println(total == blocks.length ? \"done\" : \"lost\");");
    }

    @Override
    protected String compileErrorOnLine2() {
        return "public class Main {\n    int count = ;\n}\n";
    }

    @Override
    protected Program severalFiles() {
        return Program.of("import com.example.Greeting;\n\n" + program("System.out.println(Greeting.text());"),
                SourceFile.of("com/example/Greeting.java", "package com.example;\n\npublic class Greeting {\n"
                        + "    public static String text() {\n        return \"" + HELPER_TEXT + "\";\n    }\n}\n"));
    }

    @Override
    protected String printDataFile() {
        return program("System.out.print(java.nio.file.Files.readString(java.nio.file.Path.of(\"" + DATA_FILE + "\")));");
    }

    @Override
    protected String sumOfTwoNumbers() {
        return program("java.util.Scanner in = new java.util.Scanner(System.in);\n"
                + "System.out.println(in.nextLong() + in.nextLong());");
    }

    private static String program(String body) {
        return "public class Main {\n    public static void main(String[] args) throws Exception {\n" + body + "\n    }\n}\n";
    }

    @Test
    void sumsTheNumbersOnStdin() {
        String code = "import java.util.Scanner;\n" + program("""
                Scanner in = new Scanner(System.in);
                long sum = 0;
                while (in.hasNextLong()) sum += in.nextLong();
                System.out.println(sum);""");
        ExecutionResult result = sandbox().execute(ExecutionRequest.of("java", code, "1 2 3\n4\n-5 100\n"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("105\n", result.stdout());
    }

    @Test
    void runsThePublicClassThatDeclaresMainWhateverItsName() {
        String code = """
                import java.util.List;

                class Helper {
                    static String greet() { return "from " + List.of("Solution").get(0); }
                }

                public class Solution {
                    public static void main(String[] args) {
                        System.out.println(Helper.greet());
                    }
                }
                """;
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("from Solution\n", result.stdout());
    }

    @Test
    void honoursAPackageDeclaration() {
        String code = "package demo.app;\n\n" + program("System.out.println(Main.class.getName());");
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("demo.app.Main\n", result.stdout());
    }

    @Test
    void compilesClassesOfTheDefaultPackageInFilesOfTheirOwn() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("java",
                        program("System.out.println(Helper.twice(21) + \" \" + new Point(1, 2));"))
                .file("Helper.java", "class Helper {\n    static int twice(int x) {\n        return 2 * x;\n    }\n}\n")
                .file("Point.java", "record Point(int x, int y) {\n}\n").build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("42 Point[x=1, y=2]\n", result.stdout());
    }

    @Test
    void aCompileErrorInAnotherFileNamesThatFile() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("java", program("Helper.run();"))
                .file("util/Helper.java", "class Helper {\n    static void run() { return 1; }\n}\n").build());
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().contains("util/Helper.java:2: error"), () -> describe(result));
    }

    @Test
    void oneAllocationLargerThanTheWholeLimitIsAnOutOfMemoryError() {
        // The heap may grow to the container's memory, so only an allocation that could never fit is refused by
        // the JVM itself, at once: a runtime error, not a memory-limit kill.
        ExecutionResult result = run(program("long[] huge = new long[1 << 28];\nSystem.out.println(huge.length);"));
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertTrue(result.stderr().contains("java.lang.OutOfMemoryError: Java heap space"), () -> describe(result));
    }
}
