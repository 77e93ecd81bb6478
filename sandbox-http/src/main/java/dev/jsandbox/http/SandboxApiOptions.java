package dev.jsandbox.http;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the routes of {@link SandboxApi} accept. Bad values throw {@link IllegalArgumentException} naming the value
 * and the rule.
 *
 * <pre>{@code
 * SandboxApiOptions options = SandboxApiOptions.builder().apiKey(System.getenv("MY_KEY")).build();
 * }</pre>
 *
 * @param maxBodyBytes largest request body (it carries stdin too); larger ones get 413 without being buffered.
 *     Default 2 MiB; between 1 KiB and 256 MiB.
 * @param apiKey the key every request except CORS preflights must present as {@code Authorization: Bearer <key>}
 *     or {@code X-API-Key: <key>}, else 401; null (the default) for none. At least 16 printable ASCII characters
 *     without spaces, e.g. from {@code openssl rand -hex 32}.
 * @param corsOrigins origins such as {@code https://app.example.com} whose pages may call the API, or {@code *};
 *     default none, which sends no CORS header at all
 */
public record SandboxApiOptions(int maxBodyBytes, @Nullable String apiKey, List<String> corsOrigins) {

    /** Shortest API key accepted: shorter keys are guessable. */
    public static final int MIN_API_KEY_LENGTH = 16;

    /** Checks every value. */
    public SandboxApiOptions {
        if (maxBodyBytes < 1024 || maxBodyBytes > 256 * 1024 * 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1024 and 268435456, was " + maxBodyBytes);
        }
        if (apiKey != null && (apiKey.length() < MIN_API_KEY_LENGTH || !apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            // Never the key itself in the message: messages end up in logs.
            throw new IllegalArgumentException("the API key must be at least " + MIN_API_KEY_LENGTH
                    + " printable ASCII characters without spaces (e.g. from: openssl rand -hex 32)");
        }
        for (String origin : Objects.requireNonNull(corsOrigins, "corsOrigins")) {
            if (!origin.equals("*") && !origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                throw new IllegalArgumentException("a CORS origin must be * or scheme://host[:port] without a path,"
                        + " like https://app.example.com, was '" + origin + "'");
            }
        }
        // * allows every origin, so others beside it add nothing (and Vert.x's CorsHandler refuses the mix).
        corsOrigins = corsOrigins.contains("*") ? List.of("*") : List.copyOf(corsOrigins);
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 2 MiB bodies, no API key, no CORS. */
    public static SandboxApiOptions defaults() {
        return builder().build();
    }

    /** The settings, without the API key's value. */
    @Override
    public String toString() {
        return "SandboxApiOptions[maxBodyBytes=" + maxBodyBytes + ", apiKey=" + (apiKey == null ? "none" : "set")
                + ", corsOrigins=" + corsOrigins + "]";
    }

    /** Builds {@link SandboxApiOptions}; the defaults are documented on its components. */
    public static final class Builder {
        private int maxBodyBytes = 2 * 1024 * 1024;
        private @Nullable String apiKey;
        private List<String> corsOrigins = List.of();

        private Builder() {
        }

        /** See {@link SandboxApiOptions#maxBodyBytes()}; checked at once. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = new SandboxApiOptions(maxBodyBytes, null, List.of()).maxBodyBytes();
            return this;
        }

        /** See {@link SandboxApiOptions#apiKey()}; checked at once. */
        public Builder apiKey(@Nullable String apiKey) {
            this.apiKey = new SandboxApiOptions(1024, apiKey, List.of()).apiKey();
            return this;
        }

        /** See {@link SandboxApiOptions#corsOrigins()}; checked at once. */
        public Builder corsOrigins(List<String> corsOrigins) {
            this.corsOrigins = new SandboxApiOptions(1024, null, corsOrigins).corsOrigins();
            return this;
        }

        /** The options. */
        public SandboxApiOptions build() {
            return new SandboxApiOptions(maxBodyBytes, apiKey, corsOrigins);
        }
    }
}
