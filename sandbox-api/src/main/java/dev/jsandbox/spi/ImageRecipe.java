package dev.jsandbox.spi;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How a runtime's image is built: a Docker build context shipped on the class path (a {@code Dockerfile} and the
 * files it copies, as resources of the runtime's own jar), the image it is built on, and build arguments.
 *
 * <p>The sandbox's image builder (sandbox-docker's {@code ImageBuilder}, {@code DockerSandbox.builder()
 * .buildMissingImages(true)}, {@code java -jar jsandbox-server.jar images build}) reads the context with the class
 * loader of the runtime that declares the recipe, so a plugin ships its image in its jar and needs no checkout of
 * jsandbox. The Dockerfile receives the parent as the build argument {@code BASE_IMAGE} ({@code ARG BASE_IMAGE} then
 * {@code FROM ${BASE_IMAGE}}) and may {@code COPY build-ca.crt}: the builder adds that file to every context, holding
 * the CA bundle the build should trust for downloads (empty when none).
 *
 * <pre>{@code
 * public Optional<ImageRecipe> imageRecipe() {
 *     return Optional.of(ImageRecipe.onBase("META-INF/jsandbox/images/ruby"));
 * }
 * }</pre>
 *
 * @param contextResource the class path directory that holds the build context, e.g.
 *     {@code META-INF/jsandbox/images/python}: no leading or trailing {@code /}, no {@code .} or {@code ..} segment.
 *     Files whose content starts with {@code #!} are executable in the context, all others are not (jars keep no
 *     file modes, so the builder decides the same way whether it reads a jar or a directory)
 * @param parentImage the image to build on, passed as {@code BASE_IMAGE}; null (the default) means the sandbox
 *     base image of the library in use ({@code jsandbox/base} with the library's image contract version), which
 *     every execution image needs for its runner. Name another image only when it is itself built on that base
 * @param buildArgs further build arguments, never {@code BASE_IMAGE}; default none
 */
public record ImageRecipe(String contextResource, @Nullable String parentImage, Map<String, String> buildArgs) {

    /** The build argument that carries {@link #parentImage()}. */
    public static final String PARENT_BUILD_ARG = "BASE_IMAGE";

    /** Validates every component and copies the build arguments (sorted by name). */
    public ImageRecipe {
        Objects.requireNonNull(contextResource, "contextResource");
        if (contextResource.isBlank() || contextResource.startsWith("/") || contextResource.endsWith("/")) {
            throw new IllegalArgumentException("contextResource must be a class path directory without a leading or"
                    + " trailing '/', e.g. META-INF/jsandbox/images/python, was '" + contextResource + "'");
        }
        for (String segment : contextResource.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("contextResource must not contain empty, '.' or '..' segments, was '"
                        + contextResource + "'");
            }
        }
        if (parentImage != null && parentImage.isBlank()) {
            throw new IllegalArgumentException("parentImage must not be blank; null means the sandbox base image");
        }
        Map<String, String> args = new TreeMap<>();
        for (Map.Entry<String, String> arg : buildArgs.entrySet()) {
            String name = Objects.requireNonNull(arg.getKey(), "build argument name");
            if (name.isBlank() || name.equals(PARENT_BUILD_ARG)) {
                throw new IllegalArgumentException("build argument name must not be blank or " + PARENT_BUILD_ARG
                        + " (that one carries parentImage), was '" + name + "'");
            }
            args.put(name, Objects.requireNonNull(arg.getValue(), () -> "value of build argument " + name));
        }
        buildArgs = Map.copyOf(args);
    }

    /** A recipe built on the sandbox base image, without further build arguments. */
    public static ImageRecipe onBase(String contextResource) {
        return new ImageRecipe(contextResource, null, Map.of());
    }

    /** This recipe built on {@code image} instead of the sandbox base image. */
    public ImageRecipe withParentImage(String image) {
        return new ImageRecipe(contextResource, Objects.requireNonNull(image, "image"), buildArgs);
    }

    /** This recipe with one more build argument (replacing one of the same name). */
    public ImageRecipe withBuildArg(String name, String value) {
        Map<String, String> args = new TreeMap<>(buildArgs);
        args.put(name, value);
        return new ImageRecipe(contextResource, parentImage, args);
    }
}
