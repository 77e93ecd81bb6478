package dev.jsandbox.http;

import dev.jsandbox.api.SubmissionQueue;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
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
 * @param clientKeys the API keys of named clients with their limits, asked on every request (so a reloaded key
 *     file takes effect at once); null (the default) for none. With keys or an {@code apiKey} (the client
 *     {@value #DEFAULT_CLIENT}), every request must present one of them, else 401.
 * @param defaultRequestsPerMinute requests per minute of a client without a rate of its own, per key, or per
 *     remote address when the server has no keys; 0 (the default) for no limit
 * @param submissionQueue the queue behind {@code /api/submissions}, e.g. a broker's to spread executions over
 *     several machines; it stays the caller's, who closes it after the API. Null (the default): the API makes a
 *     {@link dev.jsandbox.api.LocalSubmissionQueue} over its sandbox with that class' defaults (in memory; results
 *     kept for an hour) and closes it with the API.
 */
public record SandboxApiOptions(int maxBodyBytes, @Nullable String apiKey, List<String> corsOrigins,
        @Nullable Supplier<ClientKeys> clientKeys, int defaultRequestsPerMinute,
        @Nullable SubmissionQueue submissionQueue) {

    /** The client name of {@link #apiKey()} in the access log. */
    public static final String DEFAULT_CLIENT = "default";

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
        if (defaultRequestsPerMinute < 0) {
            throw new IllegalArgumentException("defaultRequestsPerMinute must not be negative (0: no limit), was "
                    + defaultRequestsPerMinute);
        }
        // * allows every origin, so others beside it add nothing (and Vert.x's CorsHandler refuses the mix).
        corsOrigins = corsOrigins.contains("*") ? List.of("*") : List.copyOf(corsOrigins);
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 2 MiB bodies, no API key, no CORS, submissions in memory. */
    public static SandboxApiOptions defaults() {
        return builder().build();
    }

    /** The settings, without the API key's value. */
    @Override
    public String toString() {
        return "SandboxApiOptions[maxBodyBytes=" + maxBodyBytes + ", apiKey=" + (apiKey == null ? "none" : "set")
                + ", corsOrigins=" + corsOrigins + ", clientKeys=" + (clientKeys == null ? "none" : "set")
                + ", defaultRequestsPerMinute=" + defaultRequestsPerMinute + ", submissionQueue="
                + (submissionQueue == null ? "in memory" : submissionQueue.getClass().getSimpleName()) + "]";
    }

    /** Builds {@link SandboxApiOptions}; the defaults are documented on its components. */
    public static final class Builder {
        private int maxBodyBytes = 2 * 1024 * 1024;
        private @Nullable String apiKey;
        private List<String> corsOrigins = List.of();
        private @Nullable Supplier<ClientKeys> clientKeys;
        private int defaultRequestsPerMinute;
        private @Nullable SubmissionQueue submissionQueue;

        private Builder() {
        }

        /** See {@link SandboxApiOptions#maxBodyBytes()}; checked at once. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = new SandboxApiOptions(maxBodyBytes, null, List.of(), null, 0, null).maxBodyBytes();
            return this;
        }

        /** See {@link SandboxApiOptions#apiKey()}; checked at once. */
        public Builder apiKey(@Nullable String apiKey) {
            this.apiKey = new SandboxApiOptions(1024, apiKey, List.of(), null, 0, null).apiKey();
            return this;
        }

        /** See {@link SandboxApiOptions#corsOrigins()}; checked at once. */
        public Builder corsOrigins(List<String> corsOrigins) {
            this.corsOrigins = new SandboxApiOptions(1024, null, corsOrigins, null, 0, null).corsOrigins();
            return this;
        }

        /** See {@link SandboxApiOptions#clientKeys()}; e.g. {@code () -> ClientKeys.of(keys)}. */
        public Builder clientKeys(@Nullable Supplier<ClientKeys> clientKeys) {
            this.clientKeys = clientKeys;
            return this;
        }

        /** See {@link SandboxApiOptions#defaultRequestsPerMinute()}; checked at once. */
        public Builder defaultRequestsPerMinute(int defaultRequestsPerMinute) {
            this.defaultRequestsPerMinute = new SandboxApiOptions(1024, null, List.of(), null,
                    defaultRequestsPerMinute, null).defaultRequestsPerMinute();
            return this;
        }

        /** See {@link SandboxApiOptions#submissionQueue()}: the caller keeps and closes the queue. */
        public Builder submissionQueue(@Nullable SubmissionQueue submissionQueue) {
            this.submissionQueue = submissionQueue;
            return this;
        }

        /** The options. */
        public SandboxApiOptions build() {
            return new SandboxApiOptions(maxBodyBytes, apiKey, corsOrigins, clientKeys, defaultRequestsPerMinute,
                    submissionQueue);
        }
    }
}
