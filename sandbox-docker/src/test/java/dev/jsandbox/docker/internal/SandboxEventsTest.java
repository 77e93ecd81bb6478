package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsandbox.api.SandboxListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxEventsTest {

    @Test
    void aListenerThatThrowsDoesNotKeepTheEventFromTheOthersNorFromTheCaller() {
        List<String> heard = new ArrayList<>();
        SandboxListener broken = new SandboxListener() {
            @Override
            public void containerCreated(ContainerCreated event) {
                throw new IllegalStateException("a broken metrics binding");
            }
        };
        SandboxListener recording = new SandboxListener() {
            @Override
            public void containerCreated(ContainerCreated event) {
                heard.add(event.language());
            }
        };
        SandboxEvents events = new SandboxEvents(List.of(broken, recording));

        events.containerCreated(new SandboxListener.ContainerCreated("python"));
        events.containerCreated(new SandboxListener.ContainerCreated("c"));

        assertEquals(List.of("python", "c"), heard);
    }

    @Test
    void listenersHearEventsInRegistrationOrder() {
        List<String> heard = new ArrayList<>();
        SandboxEvents events = new SandboxEvents(List.of(
                new SandboxListener() {
                    @Override
                    public void engineError(EngineError event) {
                        heard.add("first " + event.operation());
                    }
                },
                new SandboxListener() {
                    @Override
                    public void engineError(EngineError event) {
                        heard.add("second " + event.operation());
                    }
                }));

        events.engineError(new SandboxListener.EngineError("create"));

        assertEquals(List.of("first create", "second create"), heard);
    }
}
