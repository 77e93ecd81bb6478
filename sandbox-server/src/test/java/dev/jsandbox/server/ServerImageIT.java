package dev.jsandbox.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.jsandbox.http.OpenApiContract;
import dev.jsandbox.http.SandboxApi;
import dev.jsandbox.testkit.RequiresDocker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The deployment image, black-box: builds {@code docker/server/Dockerfile} with the shaded jar, runs it with the
 * settings of {@code docker/server/compose.yaml} against this machine's engine, calls the API over HTTP, then stops
 * it with SIGTERM and checks that the server removed every container it started.
 *
 * <p>Needs the {@code package} phase's {@code target/jsandbox-server.jar} (failsafe runs after it), the images of
 * {@code docker/build-images.sh}, and the Testcontainers environment of this module's failsafe configuration
 * (no Ryuk, connections on localhost only).
 */
@RequiresDocker
class ServerImageIT {

    /**
     * Built here rather than by {@code docker/server/build.sh}, with the same context of two files. The script would
     * need bash and the docker CLI in the test, would run Maven itself when the jar is missing, and tags
     * {@code jsandbox/server:1}, which someone may be running on this machine. The price: a change to build.sh's
     * context must be made here too. A tag of its own, kept after the run (not deleted on exit): the layer with
     * Debian's JRE stays cached for the next run.
     */
    private static final String IMAGE = "jsandbox/server:it";
    /** The Dockerfile's FROM. Checked first: the engine would try to pull it when missing, and there is no registry. */
    private static final String BASE_IMAGE = "jsandbox/base:3";
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path JAR = MODULE.resolve("target/jsandbox-server.jar");
    private static final Path DOCKERFILE = MODULE.resolve("../docker/server/Dockerfile").normalize();
    /** What compose.yaml mounts, at the same path inside. */
    private static final String SOCKET = "/var/run/docker.sock";
    private static final int PORT = 4000;

    /** Labels of every container a {@code DockerSandbox} starts (see {@code SandboxLabels}). */
    private static final String MANAGED_LABEL = "dev.jsandbox.managed";
    private static final String INSTANCE_LABEL = "dev.jsandbox.instance";
    /**
     * The server names its sandbox's instance id when it starts listening. Other builds on this machine run
     * sandboxes too, so this id (the {@code dev.jsandbox.instance} label) is how the containers of this server are
     * told from theirs.
     */
    static final Pattern INSTANCE_LOG = Pattern.compile("sandbox instance ([0-9a-f-]{36})");

    /** Stop waits this long after SIGTERM before the engine kills; 0 rather than 137 says it was not needed. */
    private static final int STOP_SECONDS = 30;
    private static final long EXIT_ON_SIGTERM = 0;
    private static final Duration REMOVAL_WAIT = Duration.ofSeconds(20);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * About 10 s with the layer cache. Above the module's 2 m default: a cold build installs Debian's JRE, which
     * takes as long as the mirror does (15 s here).
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theImageServesTheApiAndLeavesNoContainerBehind() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        String host = DockerClientFactory.instance().dockerHostIpAddress();
        assertEquals("localhost", host, "Testcontainers would reach the server at " + host
                + "; set TESTCONTAINERS_HOST_OVERRIDE=localhost (this module's failsafe configuration does)");
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: it is built in the package phase");
        assertTrue(Files.isRegularFile(DOCKERFILE), DOCKERFILE + " is missing");
        if (imageId(docker, BASE_IMAGE) == null) {
            fail(BASE_IMAGE + " is missing: run docker/build-images.sh");
        }
        String socketGroup = String.valueOf(Files.getAttribute(Path.of(SOCKET), "unix:gid"));

        String previousImage = imageId(docker, IMAGE);
        ImageFromDockerfile image = new ImageFromDockerfile(IMAGE, false)
                .withFileFromPath("Dockerfile", DOCKERFILE)
                .withFileFromPath("jsandbox-server.jar", JAR);
        image.get();
        removeReplacedImage(docker, previousImage);

        try (GenericContainer<?> server = new GenericContainer<>(image)
                // The image was just built; anything else would be a pull, and there is no registry.
                .withImagePullPolicy(name -> false)
                .withExposedPorts(PORT)
                // compose.yaml's environment with its defaults.
                .withEnv("JSANDBOX_API_KEY", "")
                .withEnv("JSANDBOX_CORS_ORIGINS", "")
                .withEnv("JSANDBOX_MAX_CONCURRENT_EXECUTIONS", "")
                .withEnv("JSANDBOX_QUEUE_SIZE", "")
                // The rest of compose.yaml. Set on the host config directly: a bind declared to Testcontainers
                // would make it start its tiny image first to check that mounts work.
                .withCreateContainerCmdModifier(create -> create.getHostConfig()
                        .withBinds(new Bind(SOCKET, new Volume(SOCKET)))
                        .withGroupAdd(List.of(socketGroup))
                        .withReadonlyRootfs(true)
                        .withTmpFs(Map.of("/tmp", ""))
                        .withCapDrop(Capability.ALL)
                        .withSecurityOpts(List.of("no-new-privileges:true"))
                        // Published on loopback only, as compose.yaml does (on a free port here).
                        .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(PORT))))
                // 503 is an answer too: DEGRADED when some language's image is not built.
                .waitingFor(Wait.forHttp(SandboxApi.HEALTH_PATH).forPort(PORT)
                        .forStatusCodeMatching(status -> status == 200 || status == 503)
                        .withStartupTimeout(Duration.ofSeconds(60)))) {
            server.start();
            String id = server.getContainerId();
            Map<String, String> itsContainers;
            try {
                callTheApi(server, URI.create("http://localhost:" + server.getMappedPort(PORT)));
                itsContainers = Map.of(MANAGED_LABEL, "true", INSTANCE_LABEL, instanceId(server.getLogs()));
                // Its pool keeps an idle container per language: proof that the filter finds what it started.
                assertFalse(waitForContainers(docker, itsContainers, false).isEmpty(), () -> "no container labelled "
                        + itsContainers + " while the server runs:\n" + server.getLogs());
            } finally {
                // As a deployment is stopped (docker stop, compose down): SIGTERM, the engine kills only after
                // STOP_SECONDS. Testcontainers' own stop kills at once, which would leave the server's containers.
                stopGracefully(docker, id);
            }

            Long exitCode = docker.inspectContainerCmd(id).exec().getState().getExitCodeLong();
            String log = server.getLogs();
            List<Container> left = waitForContainers(docker, itsContainers, true);
            remove(docker, left);
            assertAll(
                    () -> assertEquals(EXIT_ON_SIGTERM, exitCode,
                            () -> "the server did not end by itself within " + STOP_SECONDS + " s of SIGTERM:\n" + log),
                    () -> assertEquals(List.of(), describe(left),
                            () -> "containers the server started were left after SIGTERM (now removed):\n" + log));
        }
    }

    /** The health, the original system's example and the language list of the server at {@code base}. */
    private void callTheApi(GenericContainer<?> server, URI base) throws Exception {
        Reply health = send(HttpRequest.newBuilder(base.resolve(SandboxApi.HEALTH_PATH)).GET());
        assertTrue(health.json().path("engineReachable").asBoolean(),
                () -> "the server cannot use the mounted socket: " + health.body() + "\n" + server.getLogs());

        Reply executed = send(HttpRequest.newBuilder(base.resolve(SandboxApi.EXECUTE_PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"code\":\"print(\\\"Hello World!\\\")\",\"language\":\"python\"}")));
        assertEquals(200, executed.status(), () -> executed.body() + "\n" + server.getLogs());
        JsonNode result = executed.json();
        assertAll(
                () -> assertEquals("Hello World!\n", result.path("stdout").asText(), result::toString),
                () -> assertEquals("SUCCESS", result.path("status").asText(), result::toString),
                () -> assertEquals(0, result.path("exitCode").asInt(-1), result::toString));

        Reply languages = send(HttpRequest.newBuilder(base.resolve(SandboxApi.LANGUAGES_PATH)).GET());
        assertEquals(200, languages.status(), languages::body);
        assertTrue(StreamSupport.stream(languages.json().spliterator(), false)
                        .anyMatch(language -> language.path("id").asText().equals("python")
                                && language.path("available").asBoolean()),
                () -> "python is not listed as available: " + languages.body());
    }

    private static void stopGracefully(DockerClient docker, String id) {
        try {
            docker.stopContainerCmd(id).withTimeout(STOP_SECONDS).exec();
        } catch (NotModifiedException e) {
            // Already stopped: its exit code and log tell why.
        }
    }

    /** The id in the labels of the containers the server starts, from its log. */
    private static String instanceId(String log) {
        Matcher matcher = INSTANCE_LOG.matcher(log);
        if (!matcher.find()) {
            fail("the server's log does not name its sandbox instance:\n" + log);
        }
        return matcher.group(1);
    }

    /** The containers with all of {@code labels}, once they are all gone ({@code gone}) or there are some. */
    private static List<Container> waitForContainers(DockerClient docker, Map<String, String> labels, boolean gone)
            throws InterruptedException {
        long deadline = System.nanoTime() + REMOVAL_WAIT.toNanos();
        while (true) {
            List<Container> found = docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
            if (found.isEmpty() == gone || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(100);
        }
    }

    private static List<String> describe(List<Container> containers) {
        return containers.stream()
                .map(container -> container.getId().substring(0, 12) + " " + container.getImage() + " "
                        + container.getStatus())
                .toList();
    }

    /** Leaked containers would hold memory until some sandbox's janitor finds them past their deadline. */
    private static void remove(DockerClient docker, List<Container> containers) {
        for (Container container : containers) {
            try {
                docker.removeContainerCmd(container.getId()).withForce(true).exec();
            } catch (NotFoundException e) {
                // Removed meanwhile.
            }
        }
    }

    private static @Nullable String imageId(DockerClient docker, String image) {
        try {
            return docker.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /**
     * Removes the image that the tag named before this build, once the tag moved (a new jar): only its own layers
     * go, the cached ones below are the new image's too. Kept when a container still uses it.
     */
    private static void removeReplacedImage(DockerClient docker, @Nullable String previous) {
        if (previous == null || previous.equals(imageId(docker, IMAGE))) {
            return;
        }
        try {
            docker.removeImageCmd(previous).exec();
        } catch (DockerException e) {
            // In use, or already removed by a concurrent run: left for the next run or for `docker image prune`.
        }
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        Reply reply = new Reply(response.statusCode(), response.body());
        // As every other test of this module: what the server answers must be what its OpenAPI document says.
        OpenApiContract.instance().assertConforms(built.method(), built.uri().getPath(), reply.status(),
                response.headers().firstValue("Content-Type").orElse(""), reply.body());
        return reply;
    }

    private record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return MAPPER.readTree(body);
        }
    }
}
