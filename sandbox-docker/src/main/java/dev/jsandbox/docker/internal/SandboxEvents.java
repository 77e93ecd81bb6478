package dev.jsandbox.docker.internal;

import dev.jsandbox.api.SandboxListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes each event to every registered {@link SandboxListener}, isolating them: a listener that throws is logged
 * (at debug, once per listener, so a broken listener cannot flood the log) and the work that raised the event goes
 * on as if nothing happened. Metrics are an observer; they must never change an execution's outcome.
 */
public final class SandboxEvents implements SandboxListener {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxEvents.class);
    /** No listeners: what internal classes get when a test or a caller registers none. */
    public static final SandboxEvents NONE = new SandboxEvents(List.of());

    private final List<Guarded> listeners;

    public SandboxEvents(List<SandboxListener> listeners) {
        this.listeners = listeners.stream().map(Guarded::new).toList();
    }

    @Override
    public void sandboxStarted(SandboxStarted event) {
        each(listener -> listener.sandboxStarted(event));
    }

    @Override
    public void executionFinished(ExecutionFinished event) {
        each(listener -> listener.executionFinished(event));
    }

    @Override
    public void executionRejected(ExecutionRejected event) {
        each(listener -> listener.executionRejected(event));
    }

    @Override
    public void containerAcquired(ContainerAcquired event) {
        each(listener -> listener.containerAcquired(event));
    }

    @Override
    public void containerCreated(ContainerCreated event) {
        each(listener -> listener.containerCreated(event));
    }

    @Override
    public void containerRemoved(ContainerRemoved event) {
        each(listener -> listener.containerRemoved(event));
    }

    @Override
    public void containerRemovalFailed(ContainerRemovalFailed event) {
        each(listener -> listener.containerRemovalFailed(event));
    }

    @Override
    public void engineError(EngineError event) {
        each(listener -> listener.engineError(event));
    }

    private void each(Consumer<SandboxListener> call) {
        for (Guarded guarded : listeners) {
            guarded.call(call);
        }
    }

    /** One listener and whether its failure was logged already. */
    private static final class Guarded {
        private final SandboxListener listener;
        private final AtomicBoolean failureLogged = new AtomicBoolean();

        Guarded(SandboxListener listener) {
            this.listener = listener;
        }

        void call(Consumer<SandboxListener> call) {
            try {
                call.accept(listener);
            } catch (RuntimeException | LinkageError e) {
                // LinkageError too: a binding compiled against another Micrometer is a listener bug, not ours.
                if (failureLogged.compareAndSet(false, true)) {
                    LOG.debug("sandbox listener {} threw; ignoring it (logged once per listener)",
                            listener.getClass().getName(), e);
                }
            }
        }
    }
}
