package dev.jsandbox.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One client's API key: the client's name (shown in the access log), the key, and the client's limits.
 *
 * <p>The key is either the key itself, at least {@value SandboxApiOptions#MIN_API_KEY_LENGTH} printable ASCII
 * characters without spaces, or {@code sha256:<64 hex digits>}, the SHA-256 of the key's UTF-8 bytes (e.g.
 * {@code printf %s "$KEY" | sha256sum}), so the key file need not hold the key. Only the digest is kept.
 *
 * @param name the client's name: 1 to 64 of {@code A-Z a-z 0-9 . _ -}
 * @param digest SHA-256 of the key
 * @param limits the client's limits; a rate of 0 takes the server's default rate
 */
public record ClientKey(String name, byte[] digest, ClientLimits limits) {

    private static final String HASHED = "sha256:";

    /** Checks the name and the digest's length. */
    public ClientKey {
        if (!Objects.requireNonNull(name, "name").matches("[A-Za-z0-9._-]{1,64}")) {
            // Not the value: in a key file with its columns swapped, it would be a key.
            throw new IllegalArgumentException("a client name is 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        if (Objects.requireNonNull(digest, "digest").length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
        }
        digest = digest.clone();
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * A client from its key as written in a key file: the key itself or {@code sha256:<hex>}. Messages never
     * contain the key.
     */
    public static ClientKey of(String name, String key, ClientLimits limits) {
        Objects.requireNonNull(key, "key");
        if (key.regionMatches(true, 0, HASHED, 0, HASHED.length())) {
            String hex = key.substring(HASHED.length()).toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a hashed key is sha256: and 64 hexadecimal digits");
            }
            return new ClientKey(name, HexFormat.of().parseHex(hex), limits);
        }
        if (key.length() < SandboxApiOptions.MIN_API_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a key must be at least " + SandboxApiOptions.MIN_API_KEY_LENGTH
                    + " printable ASCII characters without spaces (e.g. from: openssl rand -hex 32), or sha256:<hex>");
        }
        return new ClientKey(name, sha256(key), limits);
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    boolean matches(byte[] presentedDigest) {
        return MessageDigest.isEqual(digest, presentedDigest);
    }

    /** Without the digest. */
    @Override
    public String toString() {
        return "ClientKey[name=" + name + ", limits=" + limits + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientKey that && name.equals(that.name) && MessageDigest.isEqual(digest, that.digest)
                && limits.equals(that.limits);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
