package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.HostConfig;
import dev.jsandbox.api.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The seccomp profile under Podman refuses the sandbox user every way into a new namespace, as Docker's default
 * profile does (the {@code secrets/privilege} hostile case proves it against a real Podman), and reaches Podman.
 */
class PodmanSeccompProfileTest {

    /** CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET. */
    private static final long NAMESPACE_FLAGS = 0x00020000L | 0x02000000L | 0x04000000L | 0x08000000L | 0x10000000L
            | 0x20000000L | 0x40000000L;
    private static final Set<String> NAMESPACE_AND_MOUNT_CALLS = Set.of("unshare", "setns", "clone3", "mount", "umount",
            "umount2", "mount_setattr", "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount", "fspick",
            "pivot_root", "syslog", "keyctl");

    private final JsonNode profile = parse(PodmanSeccompProfile.content());

    @Test
    void refusesWhatItDoesNotList() {
        assertEquals("SCMP_ACT_ERRNO", profile.get("defaultAction").asText());
    }

    @Test
    void allowsNoNamespaceOrMountCallWithoutACapabilityTheSandboxNeverHas() {
        for (JsonNode rule : rules()) {
            boolean allows = rule.get("action").asText().equals("SCMP_ACT_ALLOW");
            boolean needsCapability = rule.path("includes").has("caps");
            if (allows && !needsCapability) {
                List<String> opened = names(rule).stream().filter(NAMESPACE_AND_MOUNT_CALLS::contains).toList();
                assertEquals(List.of(), opened, () -> "rule " + rule + " allows them");
            }
        }
    }

    @Test
    void allowsCloneOnlyWithoutNamespaceFlags() {
        List<JsonNode> clones = rules().stream().filter(rule -> names(rule).contains("clone")).toList();
        assertEquals(2, clones.size(), "one rule for clone's flags first, one for s390's flags second");
        for (JsonNode rule : clones) {
            assertEquals("SCMP_ACT_ALLOW", rule.get("action").asText());
            JsonNode args = rule.get("args");
            assertEquals(1, args.size(), rule::toString);
            assertEquals("SCMP_CMP_MASKED_EQ", args.get(0).get("op").asText());
            assertEquals(NAMESPACE_FLAGS, args.get(0).get("value").asLong(), "every namespace flag is masked");
            assertEquals(0, args.get(0).get("valueTwo").asLong(), "and must be clear");
        }
    }

    @Test
    void answersClone3WithEnosysSoThatTheCLibraryFallsBackToClone() {
        JsonNode clone3 = onlyRuleFor("clone3");
        assertEquals("SCMP_ACT_ERRNO", clone3.get("action").asText());
        assertEquals(38, clone3.get("errnoRet").asInt());
    }

    @Test
    void refusesUnshareMountSyslogAndKeyctlWithEpermAsDockerDoes() {
        for (String call : List.of("unshare", "mount", "umount2", "fsopen", "pivot_root", "syslog", "keyctl")) {
            JsonNode rule = onlyRuleFor(call);
            assertEquals("SCMP_ACT_ERRNO", rule.get("action").asText(), call);
            assertEquals(1, rule.get("errnoRet").asInt(), call);
            assertTrue(rule.path("args").isEmpty(), call);
        }
    }

    @Test
    void allowsSetnsOnlyWithCapSysAdminAsPodmansDefaultDoes() {
        for (JsonNode rule : rules()) {
            if (names(rule).contains("setns") && rule.get("action").asText().equals("SCMP_ACT_ALLOW")) {
                assertEquals("CAP_SYS_ADMIN", rule.path("includes").path("caps").get(0).asText(), rule::toString);
            }
        }
    }

    @Test
    void keepsWhatProgramsNeed() {
        Set<String> allowed = Set.copyOf(rules().stream()
                .filter(rule -> rule.get("action").asText().equals("SCMP_ACT_ALLOW") && rule.path("args").isEmpty()
                        && !rule.path("includes").has("caps"))
                .flatMap(rule -> names(rule).stream()).toList());
        for (String call : List.of("execve", "fork", "vfork", "wait4", "futex", "mmap", "read", "write", "openat",
                "kill", "prctl", "seccomp")) {
            assertTrue(allowed.contains(call), call);
        }
    }

    @Test
    void isAddedToThePolicyUnderPodmanOnly() throws IOException {
        HostConfig docker = ContainerPolicy.hostConfig(Limits.defaults(), null, false);
        assertEquals(List.of("no-new-privileges"), docker.getSecurityOpts());

        HostConfig podman = ContainerPolicy.hostConfig(Limits.defaults(), null, true);
        Path file = PodmanSeccompProfile.file();
        assertEquals(List.of("no-new-privileges", "seccomp=" + file.toAbsolutePath()), podman.getSecurityOpts());
        assertArrayEquals(PodmanSeccompProfile.content(), Files.readAllBytes(file));
    }

    @Test
    void theFileIsReadableByAllAndWritableByThisProcessOnly() throws IOException {
        Path file = PodmanSeccompProfile.file();
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(file, PodmanSeccompProfile.file(), "written once");
    }

    @Test
    void aFileThatWentIsWrittenAgain() throws IOException {
        Path first = PodmanSeccompProfile.file();
        Files.delete(first);
        Path second = PodmanSeccompProfile.file();
        assertNotEquals(first, second);
        assertArrayEquals(PodmanSeccompProfile.content(), Files.readAllBytes(second));
    }

    @Test
    void aLinkPutWhereTheFileWasIsNotPassedOn() throws IOException {
        Path first = PodmanSeccompProfile.file();
        Path lax = Files.createTempFile("lax-profile-", ".json");
        try {
            Files.delete(first);
            Files.createSymbolicLink(first, lax);
            Path second = PodmanSeccompProfile.file();
            assertNotEquals(first, second);
            assertArrayEquals(PodmanSeccompProfile.content(), Files.readAllBytes(second));
        } finally {
            Files.deleteIfExists(first);
            Files.delete(lax);
        }
    }

    private List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        profile.get("syscalls").forEach(rules::add);
        return rules;
    }

    private JsonNode onlyRuleFor(String call) {
        List<JsonNode> matching = rules().stream().filter(rule -> names(rule).contains(call)).toList();
        assertEquals(1, matching.size(), () -> call + " is in " + matching);
        return matching.get(0);
    }

    private static List<String> names(JsonNode rule) {
        return StreamSupport.stream(rule.get("names").spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode parse(byte[] json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError("podman-seccomp.json is no JSON", e);
        }
    }
}
