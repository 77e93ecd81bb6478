package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.SandboxException;
import org.junit.jupiter.api.Test;

/** Which refusals of a forced removal mean "the container was exiting at that moment": those are retried once. */
class DockerEngineExitRaceTest {

    private static final String ID = "69ecf3ebd82a76188214e31967256e43b285c827915aa9efe67f76bd9cdd5259";

    @Test
    void dockersAndPodmansAnswersToARemovalDuringTheExitAreRetried() {
        // Docker 20.10's answer, as the benchmark met it under load.
        assertTrue(DockerEngine.exitRace(new SandboxException("the Docker Engine at unix:///var/run/docker.sock refused"
                + " to remove container " + ID + ": Status 500: {\"message\":\"Could not kill running container " + ID
                + ", cannot remove - Container " + ID + " is not running\"}")));
        assertTrue(DockerEngine.exitRace(new SandboxException("refused to remove container " + ID + ": Status 500:"
                + " {\"message\":\"container " + ID + " could not be stopped: container state improper\"}")));
    }

    @Test
    void otherRefusalsAreNot() {
        assertFalse(DockerEngine.exitRace(new SandboxException("refused to remove container " + ID + ": Status 500:"
                + " {\"message\":\"Could not kill running container " + ID + ", cannot remove - permission denied\"}")));
        assertFalse(DockerEngine.exitRace(new SandboxException("refused to remove container " + ID + ": Status 500:"
                + " {\"message\":\"driver \\\"overlay2\\\" failed to remove root filesystem\"}")));
    }
}
