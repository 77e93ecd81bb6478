package dev.jsandbox.spi;

import dev.jsandbox.api.Limits;
import java.io.File;
import java.util.List;
import java.util.Optional;

/**
 * Teaches a sandbox one language: which image it runs in, and how to compile and run a source file there.
 *
 * <p>A plugin is one small class, one line in {@code META-INF/services/dev.jsandbox.spi.LanguageRuntime} and one
 * Dockerfile, shipped as resources of the plugin's jar and named by {@link #imageRecipe()}. Only {@link #id()}, {@link #image()} and {@link #plan(PlanRequest)} are required; everything else has
 * a default. Implementations must be stateless and thread-safe, with a public no-argument constructor when
 * discovered through {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * public final class RubyRuntime implements LanguageRuntime {
 *     public String id() { return "ruby"; }
 *     public String image() { return "example/ruby:1"; }
 *     public ExecutionPlan plan(PlanRequest request) {
 *         return ExecutionPlan.interpreted("main.rb", List.of("ruby", "main.rb"));
 *     }
 * }
 * }</pre>
 *
 * <p>The image must be built on the sandbox base image ({@code jsandbox/base}), whose runner executes the plan as
 * an unprivileged user in {@code /workspace}. The image reports the language's version through a line
 * {@code <id>=<version>} in {@code /etc/jsandbox/versions}, which the image builder (sandbox-docker's
 * {@code ImageBuilder}, also behind {@code docker/build-images.sh}) turns into the label {@link #versionLabel()}.
 */
public interface LanguageRuntime {

    /**
     * The canonical id, unique among all runtimes: lowercase letters, digits, {@code +}, {@code #}, {@code .},
     * {@code _} or {@code -}, e.g. {@code python}. Requests name it, ignoring case.
     */
    String id();

    /** The image the code runs in, with its tag, e.g. {@code jsandbox/python:3}. */
    String image();

    /**
     * How to compile (optionally) and run the given code. Called once per execution, on the caller's thread; must
     * be fast and must not touch the file system or network. Command-line arguments of the request are appended to
     * {@link ExecutionPlan#runCommand()} by the sandbox.
     */
    ExecutionPlan plan(PlanRequest request);

    /**
     * The process a pre-started container of this runtime starts before its job is known, so that the job's first
     * step finds the language's tooling loaded; defaults to none. See {@link WarmStage} for what the process gets
     * and must do. Called when a pooled container is started, with the limits of the pool's containers (a request
     * with other container limits gets a fresh container without warm stage); must be fast, stateless and must not
     * touch the file system or network.
     */
    default Optional<WarmStage> warmStage(Limits limits) {
        return Optional.empty();
    }

    /** A human-readable name; defaults to the id. */
    default String displayName() {
        return id();
    }

    /** Other names accepted in requests, e.g. {@code py}; defaults to none. Matched ignoring case. */
    default List<String> aliases() {
        return List.of();
    }

    /** The usual source file extension without the dot; defaults to none (empty). */
    default String fileExtension() {
        return "";
    }

    /**
     * True when every plan of this runtime has a compile step, false when none has; defaults to false. Override it
     * to return true exactly when {@link #plan} uses {@link ExecutionPlan#compiled}.
     *
     * <p>It is declared rather than derived from a plan because {@link dev.jsandbox.api.CodeSandbox#languages()}
     * reports it before there is any code to plan. So that the report cannot be wrong, the sandbox checks every plan
     * against it ({@link RuntimeRegistry#plan(LanguageRuntime, PlanRequest)}): a plan that disagrees fails the
     * execution with an {@link IllegalStateException} naming this class, and the conformance kit's cases fail with
     * it before the plugin ships.
     */
    default boolean compiled() {
        return false;
    }

    /** The image label that holds the language's version; defaults to {@code dev.jsandbox.runtime.<id>.version}. */
    default String versionLabel() {
        return "dev.jsandbox.runtime." + id() + ".version";
    }

    /**
     * Where {@link #image()} is built from, so that the library can build it itself (see {@link ImageRecipe});
     * defaults to none, and then the image must be built some other way ({@link #buildCommand()}). Runtimes that share
     * an image (several languages in one) return the same recipe.
     */
    default Optional<ImageRecipe> imageRecipe() {
        return Optional.empty();
    }

    /**
     * The command that builds {@link #image()}, quoted in {@link dev.jsandbox.api.ImageMissingException} when the
     * image is missing or outdated. Override it with the exact command for your image.
     *
     * <p>Defaults, when the runtime has an {@link #imageRecipe()}, to the server jar's command with the plugin's
     * jar on the class path, which works on any operating system with a Docker Engine, e.g.
     * {@code java -cp jsandbox-server.jar:<jar of example/ruby:1's runtime> dev.jsandbox.server.SandboxServerMain
     * images build --language ruby}. Without a recipe it defaults to the build script of a jsandbox checkout, with a
     * placeholder for the directory of the image's Dockerfile:
     * {@code docker/build-images.sh base --extra example/ruby:1=<directory of the Dockerfile of example/ruby:1>}
     * (a plain {@code docker build} would not add the labels the sandbox checks).
     */
    default String buildCommand() {
        if (imageRecipe().isPresent()) {
            return "java -cp jsandbox-server.jar" + File.pathSeparator + "<jar of " + image()
                    + "'s runtime> dev.jsandbox.server.SandboxServerMain images build --language " + id();
        }
        return "docker/build-images.sh base --extra " + image() + "=<directory of the Dockerfile of " + image() + ">";
    }
}
