package dev.jsandbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.http.ClientKey;
import dev.jsandbox.http.ClientKeys;
import dev.jsandbox.http.ClientLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    private static final String ALICE_KEY = "alice-secret-0123456789";
    private static final String BOB_KEY = "bob-secret-0123456789ab";

    @TempDir
    Path dir;

    @Test
    void readsNamesPlainAndHashedKeysAndLimits() throws Exception {
        ClientKeys keys = KeyFile.parse(bytes("""
                # clients of the staging server
                alice\tsha256:%s  rpm=60 concurrent=2 daily=1000

                bob   %s
                """.formatted(sha256Hex(ALICE_KEY), BOB_KEY)));
        assertEquals(List.of("alice", "bob"), keys.keys().stream().map(ClientKey::name).toList());
        assertEquals(new ClientLimits(60, 2, 1000), keys.keys().get(0).limits());
        assertEquals(ClientLimits.NONE, keys.keys().get(1).limits());
        assertTrue(MessageDigest.isEqual(ClientKey.of("x", ALICE_KEY, ClientLimits.NONE).digest(),
                keys.keys().get(0).digest()), "the hashed key is the key's SHA-256");
    }

    @Test
    void refusesMalformedFilesNamingTheLineNeverTheKey() {
        assertRefused("alice short-key\n", "line 1", "at least 16");
        assertRefused("# c\nalice " + ALICE_KEY + " rpm=fast\n", "line 2", "rpm=N");
        assertRefused("alice " + ALICE_KEY + " burst=3\n", "line 1", "unknown limit");
        assertRefused("alice sha256:abc\n", "line 1", "64 hexadecimal");
        assertRefused(ALICE_KEY + "\n", "line 1", "a client name, a key");
        assertRefused("alice " + ALICE_KEY + "\nalice " + BOB_KEY + "\n", "key file", "'alice'");
        assertRefused("alice " + ALICE_KEY + "\nbob " + ALICE_KEY + "\n", "key file", "same key");
        assertRefused(BOB_KEY + "! " + ALICE_KEY + "\n", "line 1", "client name");
    }

    @Test
    void reloadTakesChangedKeysAndKeepsTheOldOnesWhenTheNewFileIsMalformed() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "alice " + ALICE_KEY + "\n");
        try (KeyFile keyFile = KeyFile.load(file)) {
            assertEquals(List.of("alice"), names(keyFile.get()));

            Files.writeString(file, "alice " + ALICE_KEY + "\nbob " + BOB_KEY + " rpm=5\n");
            keyFile.reloadIfChanged();
            assertEquals(List.of("alice", "bob"), names(keyFile.get()));

            Files.writeString(file, "alice " + ALICE_KEY + "\nbob tooshort\n");
            keyFile.reloadIfChanged();
            assertEquals(List.of("alice", "bob"), names(keyFile.get()), "a malformed file keeps the old keys");
            Files.delete(file);
            keyFile.reloadIfChanged();
            assertEquals(List.of("alice", "bob"), names(keyFile.get()), "a missing file keeps the old keys");

            Files.writeString(file, "carol " + BOB_KEY + "\n");
            keyFile.reloadIfChanged();
            assertEquals(List.of("carol"), names(keyFile.get()));
        }
    }

    @Test
    void aMissingFileStopsTheStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyFile.load(dir.resolve("absent")));
        assertTrue(e.getMessage().contains("cannot read the key file"), e.getMessage());
    }

    private static void assertRefused(String content, String where, String rule) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyFile.parse(bytes(content)));
        assertTrue(e.getMessage().contains(where) && e.getMessage().contains(rule), e.getMessage());
        assertFalse(e.getMessage().contains(ALICE_KEY) || e.getMessage().contains(BOB_KEY)
                || e.getMessage().contains("short-key") || e.getMessage().contains("tooshort"), e.getMessage());
    }

    private static List<String> names(ClientKeys keys) {
        return keys.keys().stream().map(ClientKey::name).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256Hex(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(key)));
    }
}
