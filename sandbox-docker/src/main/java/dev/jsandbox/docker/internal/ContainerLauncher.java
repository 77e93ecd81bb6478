package dev.jsandbox.docker.internal;

import dev.jsandbox.api.Limits;
import dev.jsandbox.spi.LanguageRuntime;

/**
 * Hands out started sandbox containers whose runner waits for a job. Every container serves exactly one job and
 * is removed after it; a launcher may start containers ahead of demand.
 */
public interface ContainerLauncher extends AutoCloseable {

    /** A started container of the runtime's image under these limits, owned by the caller from now on. */
    Launched launch(LanguageRuntime runtime, Limits limits);

    /**
     * A started container.
     *
     * @param containerId the container's id
     * @param prestarted true when it was started ahead of demand (and so may have died while waiting)
     */
    record Launched(String containerId, boolean prestarted) {
    }

    @Override
    default void close() {
    }
}
