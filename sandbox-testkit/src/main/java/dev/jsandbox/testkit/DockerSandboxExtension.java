package dev.jsandbox.testkit;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.docker.DockerSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Implementation of {@link RequiresDocker}. */
public final class DockerSandboxExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

    /**
     * System property naming the OCI runtime every test sandbox runs under (e.g. {@code runsc} for gVisor); unset
     * means the engine's default. Set by the {@code gvisor} Maven profile, so the same tests prove the same policy
     * under another runtime. The engine itself comes from {@code DOCKER_HOST} (the {@code podman} profile).
     */
    public static final String OCI_RUNTIME_PROPERTY = "jsandbox.test.ociRuntime";
    private static final Duration REMOVAL_WAIT = Duration.ofSeconds(15);
    private static @Nullable DockerSandbox shared;
    private static @Nullable RuntimeException unavailable;

    /**
     * The sandbox shared by every test of this JVM, built on first use with the default limits, every runtime on
     * the class path and the OCI runtime {@link #ociRuntime()} names; closed when the JVM exits.
     */
    public static synchronized DockerSandbox sharedSandbox() {
        if (shared == null && unavailable == null) {
            try {
                DockerSandbox sandbox = builder().build();
                Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "jsandbox-test-sandbox-close"));
                shared = sandbox;
            } catch (SandboxException e) {
                unavailable = e;
            }
        }
        if (shared == null) {
            throw requireNonNullFailure();
        }
        return shared;
    }

    /**
     * A builder with the engine's and the OCI runtime's settings of this test run ({@link #OCI_RUNTIME_PROPERTY}),
     * for tests that need a sandbox of their own: they run under the same runtime as the shared one.
     */
    public static DockerSandbox.Builder builder() {
        DockerSandbox.Builder builder = DockerSandbox.builder();
        ociRuntime().ifPresent(builder::ociRuntime);
        return builder;
    }

    /** The OCI runtime this test run asks for ({@link #OCI_RUNTIME_PROPERTY}), empty for the engine's default. */
    public static Optional<String> ociRuntime() {
        return Optional.ofNullable(System.getProperty(OCI_RUNTIME_PROPERTY)).map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * Whether this test run's sandboxes run under gVisor ({@link #ociRuntime()} contains {@code runsc} or
     * {@code gvisor}, as the library recognises it). Tests use it only where gVisor legitimately differs from runc,
     * each saying why (SECURITY.md, gVisor).
     */
    public static boolean underGvisor() {
        return ociRuntime().map(name -> name.toLowerCase(java.util.Locale.ROOT))
                .filter(name -> name.contains("runsc") || name.contains("gvisor")).isPresent();
    }

    private static RuntimeException requireNonNullFailure() {
        RuntimeException cause = unavailable;
        return cause != null ? cause : new IllegalStateException("no sandbox");
    }

    /** True when the environment says this is a CI run, where Docker tests must never skip. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            sharedSandbox();
        } catch (SandboxException e) {
            String message = "no usable Docker Engine for " + context.getDisplayName() + ": " + e.getMessage();
            if (isCi()) {
                Assertions.fail("CI=true, so Docker tests fail instead of skipping. " + message, e);
            }
            Assumptions.abort(message);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        assertNoContainersLeft(sharedSandbox());
    }

    /** Waits for background removals, then asserts that the sandbox holds no container any more. */
    public static void assertNoContainersLeft(DockerSandbox sandbox) throws InterruptedException {
        List<String> left = Poll.until(REMOVAL_WAIT, sandbox::liveContainers, List::isEmpty);
        Assertions.assertEquals(List.of(), left, "containers left behind by the sandbox");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == CodeSandbox.class || type == DockerSandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return sharedSandbox();
    }
}
