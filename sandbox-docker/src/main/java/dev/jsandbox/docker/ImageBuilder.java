package dev.jsandbox.docker;

import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.docker.internal.BuildContext;
import dev.jsandbox.docker.internal.DockerEngine;
import dev.jsandbox.docker.internal.ImageBuildCalls;
import dev.jsandbox.docker.internal.RootImage;
import dev.jsandbox.docker.internal.SandboxLabels;
import dev.jsandbox.spi.ImageRecipe;
import dev.jsandbox.spi.LanguageRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the execution images through the Docker Engine's API from build contexts on the class path: the sandbox
 * base image (shipped in this jar) and the image of every runtime with an {@link ImageRecipe}. Works on any engine
 * the library can use (Linux, Docker Desktop on macOS and Windows); {@code java -jar jsandbox-server.jar images
 * build} and {@code docker/build-images.sh} run this same code, and {@link DockerSandbox.Builder#buildMissingImages}
 * runs it at start.
 *
 * <p>Every image is tagged as its runtime names it and labelled {@value #CONTRACT_VERSION_LABEL} (the library's
 * image contract version) and {@value #CONTEXT_HASH_LABEL} (a hash of the build context's files and the parent
 * image's id). An image whose label matches is up to date and kept, so a second run takes seconds. After a build the
 * image's {@code /etc/jsandbox/versions} lines ({@code id=version}) become the labels
 * {@code dev.jsandbox.runtime.<id>.version}. Progress is logged at INFO, one line per Dockerfile step; the whole
 * build output at DEBUG.
 *
 * <pre>{@code
 * try (ImageBuilder images = ImageBuilder.connect(null, ImageBuildOptions.defaults())) {
 *     images.buildMissing(List.of(new PythonRuntime()));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one build at a time.
 */
public final class ImageBuilder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImageBuilder.class);
    /** The image label that holds the image contract version this library speaks. */
    public static final String CONTRACT_VERSION_LABEL = "dev.jsandbox.image.version";
    /** The image label that holds the hash of the image's build context and parent. */
    public static final String CONTEXT_HASH_LABEL = "dev.jsandbox.context-hash";
    /** The sandbox base image every execution image is built on, tagged with the image contract version. */
    public static final String BASE_IMAGE = "jsandbox/base:" + SandboxLabels.SUPPORTED_IMAGE_VERSION;
    /** Where this jar keeps the base image's build context. */
    static final String BASE_CONTEXT = "META-INF/jsandbox/images/base";
    private static final String BUILD_STAGE_LABEL = "dev.jsandbox.build-stage";
    private static final Pattern RUNTIME_ID = Pattern.compile("[a-z0-9+#._-]{1,64}");

    private final DockerEngine engine;
    private final boolean ownsEngine;
    private final ImageBuildCalls calls;
    private final ImageBuildOptions options;
    /** The base image's hash once this builder made sure it is up to date: one check per builder is enough. */
    private @Nullable String baseHash;

    private ImageBuilder(DockerEngine engine, boolean ownsEngine, ImageBuildOptions options) {
        this.engine = engine;
        this.ownsEngine = ownsEngine;
        this.calls = new ImageBuildCalls(engine);
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Connects to {@code dockerHost}, or when null to what docker-java's default configuration says
     * ({@code DOCKER_HOST}, else the local socket), as {@link DockerSandbox.Builder#dockerHost(String)} does.
     */
    public static ImageBuilder connect(@Nullable String dockerHost, ImageBuildOptions options) {
        return new ImageBuilder(DockerEngine.connect(dockerHost), true, options);
    }

    /** A builder on a sandbox's own connection, which it keeps open. */
    static ImageBuilder over(DockerEngine engine, ImageBuildOptions options) {
        return new ImageBuilder(engine, false, options);
    }

    /**
     * Builds the sandbox base image and every image of {@code runtimes} that is missing or outdated; runtimes that
     * share an image build it once. A runtime without a recipe is skipped with a warning naming its
     * {@link LanguageRuntime#buildCommand()} when its image is missing.
     *
     * @return what happened to each image, the base image first
     * @throws IllegalStateException if two runtimes declare different build contexts for the same image
     * @throws SandboxException if a build fails; the message quotes the build's output and says what to do
     * @throws EngineUnavailableException if the engine cannot be reached
     */
    public List<BuiltImage> buildMissing(Collection<? extends LanguageRuntime> runtimes) {
        List<BuiltImage> results = new ArrayList<>();
        results.add(buildBase());
        try {
            Map<String, Planned> planned = plan(runtimes);
            Map<String, Planned> pending = new LinkedHashMap<>(planned);
            while (!pending.isEmpty()) {
                Planned next = pending.values().stream().filter(p -> !pending.containsKey(p.parent())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("the image recipes of " + pending.keySet()
                                + " name each other as parents; one of them must build on an image that exists"));
                pending.remove(next.image());
                results.add(build(next.image(), next.context(), next.parent(), next.recipe().buildArgs()));
            }
        } finally {
            prune();
        }
        return List.copyOf(results);
    }

    /**
     * Builds one image from {@code recipe}, its context read with {@code loader}, as {@code image} (e.g. an
     * embedder's own tag), after making sure the sandbox base image is up to date.
     */
    public BuiltImage build(String image, ImageRecipe recipe, ClassLoader loader) {
        Objects.requireNonNull(image, "image");
        BuildContext context = BuildContext.fromClassPath(loader, recipe.contextResource());
        buildBase();
        try {
            return build(image, context, parentOf(recipe), recipe.buildArgs());
        } finally {
            prune();
        }
    }

    /**
     * Builds the Dockerfile in {@code directory} as {@code image} on the sandbox base image: an image whose context
     * is not on the class path yet, e.g. while a plugin is written ({@code images build --extra IMAGE=DIRECTORY}).
     */
    public BuiltImage buildDirectory(String image, Path directory) {
        Objects.requireNonNull(image, "image");
        BuildContext context = BuildContext.fromDirectory(directory);
        buildBase();
        try {
            return build(image, context, BASE_IMAGE, Map.of());
        } finally {
            prune();
        }
    }

    /** The state of each image of {@code runtimes} and of the base image, without building anything. */
    public List<ImageState> states(Collection<? extends LanguageRuntime> runtimes) {
        List<ImageState> states = new ArrayList<>();
        states.add(state(BASE_IMAGE, List.of(), Optional.of(baseContext()), null));
        Map<String, List<String>> languages = new LinkedHashMap<>();
        Map<String, LanguageRuntime> first = new LinkedHashMap<>();
        for (LanguageRuntime runtime : runtimes) {
            languages.computeIfAbsent(runtime.image(), image -> new ArrayList<>()).add(runtime.id());
            first.putIfAbsent(runtime.image(), runtime);
        }
        first.forEach((image, runtime) -> {
            Optional<BuildContext> context = runtime.imageRecipe().map(recipe -> contextOf(runtime, recipe));
            String parent = runtime.imageRecipe().map(this::parentOf).orElse(null);
            states.add(state(image, languages.get(image), context, parent));
        });
        return List.copyOf(states);
    }

    private ImageState state(String image, List<String> languages, Optional<BuildContext> context,
            @Nullable String parent) {
        Optional<ImageBuildCalls.Inspected> found = calls.inspect(image);
        if (found.isEmpty()) {
            return new ImageState(image, languages, ImageState.State.MISSING);
        }
        if (!SandboxLabels.SUPPORTED_IMAGE_VERSION.equals(found.get().labels().get(CONTRACT_VERSION_LABEL))) {
            return new ImageState(image, languages, ImageState.State.OUTDATED);
        }
        if (context.isEmpty()) {
            return new ImageState(image, languages, ImageState.State.PRESENT);
        }
        String parentImage = parent != null ? parent : image.equals(BASE_IMAGE) ? rootOfBase() : BASE_IMAGE;
        Optional<String> parentId = parentImage == null ? Optional.empty()
                : calls.inspect(parentImage).map(ImageBuildCalls.Inspected::id);
        boolean current = parentId.isPresent()
                && context.get().hash(parentId.get()).equals(found.get().labels().get(CONTEXT_HASH_LABEL));
        return new ImageState(image, languages, current ? ImageState.State.UP_TO_DATE : ImageState.State.OUTDATED);
    }

    /** The root image the present base image was built on, when it is still there; null when unknown. */
    private @Nullable String rootOfBase() {
        String named = options.rootImage();
        if (named != null) {
            return named;
        }
        for (String candidate : List.of(RootImage.REGISTRY_IMAGE, RootImage.BOOTSTRAP_IMAGE)) {
            if (calls.inspect(candidate).isPresent()) {
                return candidate;
            }
        }
        return null;
    }

    private BuiltImage buildBase() {
        if (baseHash != null) {
            return new BuiltImage(BASE_IMAGE, baseHash, false, Duration.ZERO);
        }
        BuildContext context = baseContext();
        String root = new RootImage(calls, options.debianMirror()).resolve(options.rootImage());
        BuiltImage base = build(BASE_IMAGE, context, root, Map.of());
        baseHash = base.contextHash();
        return base;
    }

    private static BuildContext baseContext() {
        return BuildContext.fromClassPath(ImageBuilder.class.getClassLoader(), BASE_CONTEXT);
    }

    private Map<String, Planned> plan(Collection<? extends LanguageRuntime> runtimes) {
        Map<String, Planned> planned = new LinkedHashMap<>();
        Map<String, String> contextHashes = new HashMap<>();
        for (LanguageRuntime runtime : runtimes) {
            Optional<ImageRecipe> recipe = runtime.imageRecipe();
            if (recipe.isEmpty()) {
                if (calls.inspect(runtime.image()).isEmpty()) {
                    LOG.warn("{} of {} is missing and its runtime ({}) declares no image recipe; build it with: {}",
                            runtime.image(), runtime.id(), runtime.getClass().getName(), runtime.buildCommand());
                }
                continue;
            }
            BuildContext context = contextOf(runtime, recipe.get());
            // The same image must come from the same files, whichever runtime's jar holds them.
            String sameParent = context.hash("");
            Planned existing = planned.get(runtime.image());
            if (existing != null) {
                if (!contextHashes.get(runtime.image()).equals(sameParent)
                        || !existing.recipe().equals(recipe.get())) {
                    throw new IllegalStateException("runtimes " + existing.runtime().getClass().getName() + " and "
                            + runtime.getClass().getName() + " declare different recipes for " + runtime.image()
                            + " (" + existing.context().origin() + " and " + context.origin() + "); their jars are of"
                            + " different versions, use one version of every jsandbox module");
                }
                continue;
            }
            contextHashes.put(runtime.image(), sameParent);
            planned.put(runtime.image(), new Planned(runtime.image(), runtime, recipe.get(), context,
                    parentOf(recipe.get())));
        }
        return planned;
    }

    private static BuildContext contextOf(LanguageRuntime runtime, ImageRecipe recipe) {
        ClassLoader loader = runtime.getClass().getClassLoader();
        return BuildContext.fromClassPath(loader != null ? loader : ClassLoader.getSystemClassLoader(),
                recipe.contextResource());
    }

    private String parentOf(ImageRecipe recipe) {
        String parent = recipe.parentImage();
        return parent != null ? parent : BASE_IMAGE;
    }

    private record Planned(String image, LanguageRuntime runtime, ImageRecipe recipe, BuildContext context,
            String parent) {
    }

    private BuiltImage build(String image, BuildContext context, String parent, Map<String, String> buildArgs) {
        ImageBuildCalls.Inspected parentImage = calls.inspect(parent).orElseThrow(() -> new SandboxException(
                "the parent image " + parent + " of " + image + " is missing from the engine at " + calls.host()
                        + "; build it first"));
        String hash = context.hash(parentImage.id());
        Optional<ImageBuildCalls.Inspected> existing = calls.inspect(image);
        if (!options.force() && existing.isPresent()
                && hash.equals(existing.get().labels().get(CONTEXT_HASH_LABEL))
                && SandboxLabels.SUPPORTED_IMAGE_VERSION.equals(existing.get().labels().get(CONTRACT_VERSION_LABEL))) {
            LOG.info("{} is up to date", image);
            return new BuiltImage(image, hash, false, Duration.ZERO);
        }
        LOG.info("building {} from {} on {}", image, context.origin(), parent);
        long started = System.nanoTime();
        Map<String, String> args = new LinkedHashMap<>(buildArgs);
        args.put(ImageRecipe.PARENT_BUILD_ARG, parent);
        Map<String, String> labels = Map.of(CONTRACT_VERSION_LABEL, SandboxLabels.SUPPORTED_IMAGE_VERSION,
                CONTEXT_HASH_LABEL, hash);
        calls.build(image, context.tar(caBundle()), args, labels, options.force());
        // The image knows its own language versions; as labels, the sandbox reads them with one inspection.
        Map<String, String> versions = versionLabels(calls.versionLines(image));
        if (!versions.isEmpty()) {
            BuildContext relabel = BuildContext.of("the version labels of " + image,
                    Map.of("Dockerfile", ("FROM " + image + "\n").getBytes(StandardCharsets.UTF_8)));
            calls.build(image, relabel.tar(new byte[0]), Map.of(), versions, false);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("built {} in {} s", image, took.toSeconds());
        return new BuiltImage(image, hash, true, took);
    }

    private static Map<String, String> versionLabels(List<String> lines) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            String id = equals > 0 ? line.substring(0, equals) : "";
            if (RUNTIME_ID.matcher(id).matches()) {
                labels.put("dev.jsandbox.runtime." + id + ".version", line.substring(equals + 1).strip());
            } else {
                LOG.warn("ignoring a line of {} that is not id=version", ImageBuildCalls.VERSIONS_FILE);
            }
        }
        return labels;
    }

    private byte[] caBundle() {
        Path bundle = options.caBundle();
        if (bundle == null) {
            return new byte[0];
        }
        try {
            return Files.readAllBytes(bundle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA bundle " + bundle, e);
        }
    }

    /** Replaced images and finished build stages would otherwise pile up; only untagged ones of ours go. */
    private void prune() {
        calls.pruneUntagged(CONTRACT_VERSION_LABEL);
        calls.pruneUntagged(BUILD_STAGE_LABEL);
    }

    /** Releases the engine connection, unless it belongs to a sandbox. */
    @Override
    public void close() {
        if (ownsEngine) {
            engine.close();
        }
    }
}
