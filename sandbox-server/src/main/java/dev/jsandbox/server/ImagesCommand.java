package dev.jsandbox.server;

import dev.jsandbox.api.SandboxException;
import dev.jsandbox.docker.BuiltImage;
import dev.jsandbox.docker.ImageBuildOptions;
import dev.jsandbox.docker.ImageBuilder;
import dev.jsandbox.docker.ImageState;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.RuntimeRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar jsandbox-server.jar images build|list [options]}: builds or lists the execution images of every
 * runtime on the class path through {@link ImageBuilder}, on any operating system with a Docker Engine. The engine
 * is the one {@code DOCKER_HOST} names, else the local one. {@code docker/build-images.sh} runs this command.
 */
final class ImagesCommand {

    static final String USAGE = """
            usage: java -jar jsandbox-server.jar images build [options]
                   java -jar jsandbox-server.jar images list
              Builds the sandbox base image and the image of every language on the class path that is missing or
              outdated (an up-to-date image is kept), through the Docker Engine DOCKER_HOST names, else the local one.
              A plugin's image is built when its jar is on the class path:
                java -cp jsandbox-server.jar%1$sPLUGIN.jar dev.jsandbox.server.SandboxServerMain images build
            options of build:
              --language ID        only the image of this language (and the base image); may be repeated
              --extra IMAGE=DIR    also build the Dockerfile in directory DIR as IMAGE on the base image; may be
                                   repeated. With --language base alone, builds only the base and these
              --ca-bundle FILE     PEM bundle that downloads during builds trust (TLS-inspecting proxies); default:
                                   /etc/ssl/certs/ca-certificates.crt when it exists
              --no-ca-bundle       trust only the certificates inside the images
              --root-image IMAGE   Debian bookworm image to build the base on; default: debian:bookworm-slim when
                                   present or pullable, else one made with debootstrap (Linux, root)
              --debian-mirror URL  mirror for debootstrap; default: %2$s
              --force              rebuild every image, without the layer cache
            exit status: 0 done, 1 a build failed, 2 bad arguments
            """;

    private final PrintStream out;

    ImagesCommand(PrintStream out) {
        this.out = out;
    }

    /** Runs the command; returns the process's exit status. */
    int run(List<String> args) {
        String usage = String.format(USAGE, java.io.File.pathSeparator, ImageBuildOptions.DEFAULT_DEBIAN_MIRROR);
        if (args.isEmpty() || args.contains("-h") || args.contains("--help")) {
            out.print(usage);
            return args.isEmpty() ? 2 : 0;
        }
        Logger log = LoggerFactory.getLogger(ImagesCommand.class);
        Request request;
        try {
            request = Request.parse(args);
        } catch (IllegalArgumentException e) {
            log.error("{}", e.getMessage());
            out.print(usage);
            return 2;
        }
        List<LanguageRuntime> runtimes = RuntimeRegistry.discover(ImagesCommand.class.getClassLoader(), List.of())
                .runtimes();
        try (ImageBuilder builder = ImageBuilder.connect(null, request.options())) {
            if (request.list()) {
                for (ImageState state : builder.states(runtimes)) {
                    out.printf("%-40s %-11s %s%n", state.image(), state.state(), String.join(",", state.languages()));
                }
                return 0;
            }
            List<LanguageRuntime> chosen = choose(runtimes, request.languages());
            List<BuiltImage> results = new ArrayList<>(builder.buildMissing(chosen));
            request.extras().forEach((image, directory) -> results.add(builder.buildDirectory(image, directory)));
            long built = results.stream().filter(BuiltImage::built).count();
            log.info("{} images built, {} up to date", built, results.size() - built);
            return 0;
        } catch (SandboxException | IllegalStateException e) {
            log.error("{}", e.getMessage());
            return 1;
        }
    }

    private static List<LanguageRuntime> choose(List<LanguageRuntime> runtimes, Set<String> languages) {
        if (languages.isEmpty()) {
            return runtimes;
        }
        List<LanguageRuntime> chosen = new ArrayList<>();
        Set<String> unknown = new TreeSet<>(languages);
        unknown.remove("base");
        for (LanguageRuntime runtime : runtimes) {
            if (languages.contains(runtime.id())) {
                chosen.add(runtime);
                unknown.remove(runtime.id());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("unknown language " + String.join(", ", unknown) + "; the class path has "
                    + runtimes.stream().map(LanguageRuntime::id).toList()
                    + " (a plugin's jar must be on the class path, see --help)");
        }
        return chosen;
    }

    /** The parsed arguments. */
    record Request(boolean list, Set<String> languages, Map<String, Path> extras, ImageBuildOptions options) {

        static Request parse(List<String> args) {
            String verb = args.get(0);
            if (!verb.equals("build") && !verb.equals("list")) {
                throw new IllegalArgumentException("unknown images command '" + verb + "' (build or list)");
            }
            ImageBuildOptions.Builder options = ImageBuildOptions.builder();
            Set<String> languages = new TreeSet<>();
            Map<String, Path> extras = new LinkedHashMap<>();
            for (int i = 1; i < args.size(); i++) {
                String option = args.get(i);
                switch (option) {
                    case "--language" -> languages.add(value(args, ++i, option));
                    case "--extra" -> {
                        String extra = value(args, ++i, option);
                        int equals = extra.indexOf('=');
                        if (equals <= 0 || equals == extra.length() - 1) {
                            throw new IllegalArgumentException("--extra wants IMAGE=DIRECTORY, got '" + extra + "'");
                        }
                        extras.put(extra.substring(0, equals), Path.of(extra.substring(equals + 1)));
                    }
                    case "--ca-bundle" -> options.caBundle(Path.of(value(args, ++i, option)));
                    case "--no-ca-bundle" -> options.noCaBundle();
                    case "--root-image" -> options.rootImage(value(args, ++i, option));
                    case "--debian-mirror" -> options.debianMirror(value(args, ++i, option));
                    case "--force" -> options.force(true);
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
            if (verb.equals("list") && (!languages.isEmpty() || !extras.isEmpty())) {
                throw new IllegalArgumentException("images list takes no --language or --extra");
            }
            return new Request(verb.equals("list"), languages, extras, options.build());
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(index);
        }
    }
}
