package dev.jsandbox.languages.java;

import dev.jsandbox.api.Limits;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.ImageRecipe;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import dev.jsandbox.spi.WarmStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Java 17 (Debian's OpenJDK 17) in {@code jsandbox/java}.
 *
 * <p><b>The main class.</b> The code is saved under the name javac requires: {@code <PublicClass>.java} for its
 * public top-level class (or interface, enum, record). The program starts at the top-level class that declares
 * {@code static void main(}, the public one first; code without any is saved as {@code Main.java} and run as
 * {@code Main}, as on most online judges. A {@code package} declaration is honoured (classes are compiled into
 * their package directories). Comments and string literals are ignored when looking; see {@link MainClassFinder}.
 *
 * <p><b>Sized for the sandbox.</b> javac and the program each run in a JVM tuned for 1 CPU, 256 MiB and 50
 * processes and threads: the serial collector (no GC threads), thread pools sized for one CPU, no perf-data file,
 * and class-data-sharing archives made when the image was built (javac's classes, and the JDK classes common
 * programs use), which cut javac's start-up by about 40 %. javac uses the quick C1 JIT only; programs keep the full
 * JIT, so long computations run at full speed. Its threads get 8 MiB stacks for deep recursion. The flags are
 * argument files in the image ({@code docker/java/lib/*.args}), built together with the archives they must match.
 *
 * <p><b>Memory.</b> The heaps of javac and of the program may grow to the container's whole memory
 * ({@code -XX:MaxRAMPercentage=100}), so the container's limit is the one a program meets: one that keeps allocating
 * is killed by the kernel, which the sandbox reports as exceeding the memory limit. A single allocation larger than
 * the whole limit ({@code new long[1 << 28]} under 256 MiB) is refused by the JVM at once with
 * {@code java.lang.OutOfMemoryError}, a runtime error.
 *
 * <p><b>Several files.</b> Every {@code .java} file of the request is compiled with the main file, so classes may
 * sit in files of their own beside it ({@code Helper.java}) or in package folders ({@code com/example/Util.java},
 * imported as {@code com.example.Util}); compile errors name their file. The class that starts is still found in the
 * main file's code alone.
 *
 * <p><b>Warm start.</b> A pre-started container starts the compiler JVM before the job is known, with javac loaded
 * (from a class-data-sharing archive of its own) and warmed up by compiling a small program in memory; the compile
 * step then runs in it, with the same options, diagnostics and status as {@code java @javac.args} (the image's
 * {@code WarmJavac}). The program runs in a fresh JVM, as without warm start: its flags, class path and fresh state
 * are its own.
 */
public final class JavaRuntime implements LanguageRuntime {

    private static final String TOOLS = "/usr/local/lib/jsandbox/java";
    /** ASCII class names only: the sandbox's file names are ASCII; for others javac reports the mismatch. */
    private static final Pattern FILE_STEM = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,122}");

    @Override
    public String id() {
        return "java";
    }

    @Override
    public String image() {
        return "jsandbox/java:3";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        MainClassFinder.Found found = MainClassFinder.find(request.code());
        String stem = FILE_STEM.matcher(found.fileStem()).matches() ? found.fileStem() : MainClassFinder.DEFAULT_CLASS;
        String file = stem + ".java";
        List<String> compile = new ArrayList<>(List.of("java", "@" + TOOLS + "/javac.args", file));
        request.fileNamesEndingWith(".java").stream().filter(name -> !name.equals(file)).forEach(compile::add);
        return ExecutionPlan.compiled(file, compile,
                List.of("java", "@" + TOOLS + "/run.args", "-cp", ".", found.mainClass()));
    }

    /**
     * A compiler JVM (the flags of {@code javac.args}) that has loaded javac and compiled a small program in memory;
     * it takes over the compile step {@code java @javac.args FILE...} (the image's {@code WarmJavac}). The program
     * always runs in a fresh JVM with its own flags.
     */
    @Override
    public Optional<WarmStage> warmStage(Limits limits) {
        return Optional.of(WarmStage.of(List.of("java", "@" + TOOLS + "/javac-warm.args", TOOLS + "/javac.args"),
                List.of("java", "@" + TOOLS + "/javac.args")));
    }

    @Override
    public String displayName() {
        return "Java";
    }

    @Override
    public String fileExtension() {
        return "java";
    }

    @Override
    public boolean compiled() {
        return true;
    }

    /** Built from the repository's {@code docker/java}, which this jar ships. */
    @Override
    public Optional<ImageRecipe> imageRecipe() {
        return Optional.of(ImageRecipe.onBase("META-INF/jsandbox/images/java"));
    }

    @Override
    public String buildCommand() {
        return "java -jar jsandbox-server.jar images build --language java";
    }
}
