package dev.jsandbox.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a Docker Engine and the execution images. Tagged {@code docker}.
 *
 * <p>When no engine is reachable the class is skipped on a developer machine, but fails when the environment
 * variable {@code CI} is {@code true}: CI never silently skips the tests that matter. Test methods may take a
 * {@link dev.jsandbox.api.CodeSandbox} parameter (a shared {@link dev.jsandbox.docker.DockerSandbox}); after each
 * test the extension checks that the shared sandbox left no container behind.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("docker")
@ExtendWith(DockerSandboxExtension.class)
public @interface RequiresDocker {
}
