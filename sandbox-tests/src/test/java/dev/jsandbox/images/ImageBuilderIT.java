package dev.jsandbox.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.ImageMissingException;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.docker.BuiltImage;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.ImageBuildOptions;
import dev.jsandbox.docker.ImageBuilder;
import dev.jsandbox.docker.ImageState;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.docker.internal.BuildContext;
import dev.jsandbox.docker.internal.SandboxLabels;
import dev.jsandbox.security.EngineWitness;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.ImageRecipe;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import dev.jsandbox.testkit.RequiresDocker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The library builds an image from a build context on the class path, on a machine where that image is absent: a
 * throwaway image ({@code src/test/resources/META-INF/jsandbox/images/it-greeting}) under a tag of its own, removed
 * afterwards. It is cheap (one small layer on the sandbox base image, nothing downloaded) and leaves the shared
 * images alone: the base image is checked and kept, being up to date after test.sh built the images with this same
 * code (only a base image outdated against this checkout's docker/base would be rebuilt, as test.sh would).
 */
@RequiresDocker
class ImageBuilderIT {

    private static final String CONTEXT = "META-INF/jsandbox/images/it-greeting";
    private final String image = "jsandbox-it/greeting:" + UUID.randomUUID().toString().substring(0, 8);
    private final GreetingRuntime runtime = new GreetingRuntime(image);

    @AfterEach
    void removeTheImage() {
        try (EngineWitness witness = EngineWitness.connect()) {
            witness.client().removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
            // never built: nothing to remove
        }
    }

    @Test
    void aSandboxBuildsAMissingImageAtStartWhenAskedAndRunsCodeInIt() {
        try (DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(runtime)
                .pool(PoolSettings.disabled()).build()) {
            ImageMissingException missing = assertThrows(ImageMissingException.class,
                    () -> sandbox.execute(ExecutionRequest.of("it-greeting", "not read\n")));
            assertTrue(missing.getMessage().contains("buildMissingImages(true)"), missing::getMessage);
            assertTrue(missing.getMessage().contains("images build --language it-greeting"), missing::getMessage);
        }
        try (DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(runtime)
                .pool(PoolSettings.disabled()).buildMissingImages(true).build()) {
            ExecutionResult result = sandbox.execute(ExecutionRequest.of("it-greeting", "not read\n"));
            // The script ran, so it was copied executable from a class path file, and the data file beside it.
            assertEquals(ExecutionStatus.SUCCESS, result.status(), result::toString);
            assertEquals("built from the class path\n", result.stdout());
            assertEquals("1.0.0", sandbox.languages().get(0).version());
        }
    }

    @Test
    void theBuiltImageCarriesTheContractVersionTheContextHashAndTheVersionLabels() {
        try (ImageBuilder builder = ImageBuilder.connect(null, ImageBuildOptions.builder().noCaBundle().build());
                EngineWitness witness = EngineWitness.connect()) {
            assertEquals(ImageState.State.MISSING, stateOf(builder));
            List<BuiltImage> first = builder.buildMissing(List.of(runtime));
            assertEquals(List.of(ImageBuilder.BASE_IMAGE, image), first.stream().map(BuiltImage::image).toList());
            assertFalse(first.get(0).built(), "the base image is up to date, so it is kept");
            assertTrue(first.get(1).built());

            String baseId = witness.client().inspectImageCmd(ImageBuilder.BASE_IMAGE).exec().getId();
            String hash = BuildContext.fromClassPath(getClass().getClassLoader(), CONTEXT).hash(baseId);
            Map<String, String> labels = witness.client().inspectImageCmd(image).exec().getConfig().getLabels();
            assertEquals(SandboxLabels.SUPPORTED_IMAGE_VERSION, labels.get(ImageBuilder.CONTRACT_VERSION_LABEL));
            assertEquals(hash, labels.get(ImageBuilder.CONTEXT_HASH_LABEL));
            assertEquals(hash, first.get(1).contextHash());
            assertEquals("1.0.0", labels.get("dev.jsandbox.runtime.it-greeting.version"));
            assertEquals(List.of(image), witness.client().inspectImageCmd(image).exec().getRepoTags());

            List<BuiltImage> second = builder.buildMissing(List.of(runtime));
            assertFalse(second.get(1).built(), "an up-to-date image is not built again");
            assertEquals(ImageState.State.UP_TO_DATE, stateOf(builder));
        }
    }

    @Test
    void aFailedBuildThrowsWithTheEndOfItsOutputAndLeavesNoImage() {
        try (ImageBuilder builder = ImageBuilder.connect(null, ImageBuildOptions.builder().noCaBundle().build())) {
            SandboxException failed = assertThrows(SandboxException.class, () -> builder.build(image,
                    ImageRecipe.onBase("META-INF/jsandbox/images/it-broken"), getClass().getClassLoader()));
            assertTrue(failed.getMessage().startsWith("building " + image + " failed: "), failed::getMessage);
            assertTrue(failed.getMessage().contains("jsandbox-it: this step fails on purpose"), failed::getMessage);
            assertTrue(failed.getMessage().contains("--ca-bundle"), failed::getMessage);
            assertEquals(ImageState.State.MISSING, stateOf(builder));
        }
    }

    private ImageState.State stateOf(ImageBuilder builder) {
        return builder.states(List.of(runtime)).stream().filter(state -> state.image().equals(image)).findFirst()
                .orElseThrow().state();
    }

    /** A language whose image is the throwaway one: its program is the image's script. */
    private static final class GreetingRuntime implements LanguageRuntime {
        private final String image;

        GreetingRuntime(String image) {
            this.image = image;
        }

        @Override
        public String id() {
            return "it-greeting";
        }

        @Override
        public String image() {
            return image;
        }

        @Override
        public ExecutionPlan plan(PlanRequest request) {
            return ExecutionPlan.interpreted("main.txt", List.of("/usr/local/bin/jsandbox-it-greet"));
        }

        @Override
        public Optional<ImageRecipe> imageRecipe() {
            return Optional.of(ImageRecipe.onBase(CONTEXT));
        }
    }
}
