package dev.jsandbox.http;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the routes of {@link SandboxApi} accept: body size, API key and browser origins. Immutable; build one with
 * {@link #builder()}. Bad values throw {@link IllegalArgumentException} naming the value and the rule.
 *
 * <pre>{@code
 * SandboxApiOptions options = SandboxApiOptions.builder().apiKey(System.getenv("MY_KEY")).build();
 * }</pre>
 */
public final class SandboxApiOptions {

    /** Shortest API key accepted: shorter keys are guessable. */
    public static final int MIN_API_KEY_LENGTH = 16;

    private final int maxBodyBytes;
    private final @Nullable String apiKey;
    private final List<String> corsOrigins;

    private SandboxApiOptions(Builder builder) {
        this.maxBodyBytes = builder.maxBodyBytes;
        this.apiKey = builder.apiKey;
        this.corsOrigins = builder.corsOrigins;
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 2 MiB bodies, no API key, no CORS. */
    public static SandboxApiOptions defaults() {
        return builder().build();
    }

    /** Largest request body in bytes; larger ones get 413 without being buffered. Default 2 MiB. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The key every request must present, or null for none; default none. */
    public @Nullable String apiKey() {
        return apiKey;
    }

    /** Origins browsers may call from ({@code *} for any); default none, which sends no CORS header at all. */
    public List<String> corsOrigins() {
        return corsOrigins;
    }

    /** The settings, without the API key's value. */
    @Override
    public String toString() {
        return "SandboxApiOptions[maxBodyBytes=" + maxBodyBytes + ", apiKey=" + (apiKey == null ? "none" : "set")
                + ", corsOrigins=" + corsOrigins + "]";
    }

    /** Builds {@link SandboxApiOptions}; every setter documents its default. */
    public static final class Builder {
        private int maxBodyBytes = 2 * 1024 * 1024;
        private @Nullable String apiKey;
        private List<String> corsOrigins = List.of();

        private Builder() {
        }

        /** Default 2 MiB; between 1 KiB and 256 MiB. The body carries stdin too, so this bounds it first. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1024 || maxBodyBytes > 256 * 1024 * 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1024 and 268435456, was "
                        + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Requires every request (except CORS preflights) to carry this key as {@code Authorization: Bearer <key>}
         * or {@code X-API-Key: <key>}, else 401. Default none. At least 16 printable ASCII characters without
         * spaces, e.g. from {@code openssl rand -hex 32}; null removes it.
         */
        public Builder apiKey(@Nullable String apiKey) {
            if (apiKey != null && (apiKey.length() < MIN_API_KEY_LENGTH
                    || !apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
                // Never the key itself in the message: it ends up in logs.
                throw new IllegalArgumentException("the API key must be at least " + MIN_API_KEY_LENGTH
                        + " printable ASCII characters without spaces (e.g. from: openssl rand -hex 32)");
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Origins such as {@code https://app.example.com} whose pages may call the API, or {@code *} for any.
         * Default none: no CORS headers, so browsers only let same-origin pages read answers.
         */
        public Builder corsOrigins(List<String> corsOrigins) {
            for (String origin : Objects.requireNonNull(corsOrigins, "corsOrigins")) {
                if (!origin.equals("*") && !origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                    throw new IllegalArgumentException("a CORS origin must be * or scheme://host[:port] without a"
                            + " path, like https://app.example.com, was '" + origin + "'");
                }
            }
            this.corsOrigins = List.copyOf(corsOrigins);
            return this;
        }

        /** The options. */
        public SandboxApiOptions build() {
            return new SandboxApiOptions(this);
        }
    }
}
