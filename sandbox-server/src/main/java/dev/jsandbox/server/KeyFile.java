package dev.jsandbox.server;

import dev.jsandbox.http.ClientKey;
import dev.jsandbox.http.ClientKeys;
import dev.jsandbox.http.ClientLimits;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys of {@code JSANDBOX_API_KEYS_FILE}, reloaded while the server runs. One client per line:
 *
 * <pre>
 * # name   key                                                                      limits (optional)
 * alice    sha256:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b  rpm=60 concurrent=2 daily=1000
 * bob      0f4c2b7c9e1d4a6f8b3e5d7c9a1b3d5f                                          rpm=10
 * </pre>
 *
 * <p>Fields are separated by spaces or tabs; {@code #} starts a comment line; blank lines are ignored. The name is
 * 1 to 64 of {@code A-Z a-z 0-9 . _ -}; the key is the key itself (at least 16 printable characters) or
 * {@code sha256:} and the SHA-256 of the key in hex. Limits: {@code rpm} requests per minute (else
 * {@code JSANDBOX_RATE_LIMIT_PER_MINUTE}), {@code concurrent} executions at once, {@code daily} executions per UTC
 * day; absent means none.
 *
 * <p>The file is read again every {@link #CHECK_INTERVAL}; when its content changed, the new keys replace the old
 * ones at once. A file that does not parse keeps the old keys, and the log says why (line number and rule, never
 * the key).
 */
final class KeyFile implements Supplier<ClientKeys>, AutoCloseable {

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);

    private final Path path;
    private volatile ClientKeys keys;
    private byte[] lastSeen;
    private @Nullable ScheduledExecutorService watcher;

    private KeyFile(Path path, ClientKeys keys, byte[] content) {
        this.path = path;
        this.keys = keys;
        this.lastSeen = digest(content);
    }

    /**
     * Reads the file once.
     *
     * @throws IllegalArgumentException when it cannot be read or does not parse (the message names the line)
     */
    static KeyFile load(Path path) {
        byte[] content = read(path);
        return new KeyFile(path, parse(content), content);
    }

    /** The keys of the last content that parsed. */
    @Override
    public ClientKeys get() {
        return keys;
    }

    /** Starts checking the file every {@link #CHECK_INTERVAL} on a daemon thread of its own. */
    synchronized void watch() {
        if (watcher == null) {
            watcher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "jsandbox-key-file");
                thread.setDaemon(true);
                return thread;
            });
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, CHECK_INTERVAL.toMillis(),
                    CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Reads the file and, if its content changed since the last check, takes its keys or (when it does not parse)
     * keeps the old ones and logs why, once per content. Compares content rather than modification times, whose
     * resolution can hide a quick second write.
     */
    void reloadIfChanged() {
        try {
            byte[] content = read(path);
            byte[] seen = digest(content);
            if (MessageDigest.isEqual(seen, lastSeen)) {
                return;
            }
            lastSeen = seen;
            ClientKeys loaded = parse(content);
            keys = loaded;
            LOG.info("reloaded {}: clients {}", path, loaded.keys().stream().map(ClientKey::name).toList());
        } catch (IllegalArgumentException e) {
            LOG.warn("kept the previous API keys: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("kept the previous API keys: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    /** The keys of a key file's content; messages name the line and the rule, never a key. */
    static ClientKeys parse(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the key file is not UTF-8 text");
        }
        List<ClientKey> keys = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("[ \t]+");
            String where = "key file line " + (i + 1) + ": ";
            if (fields.length < 2) {
                throw new IllegalArgumentException(where + "expected a client name, a key and optional limits");
            }
            try {
                keys.add(ClientKey.of(fields[0], fields[1], limits(Arrays.copyOfRange(fields, 2, fields.length))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        try {
            return ClientKeys.of(keys);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file: " + e.getMessage(), e);
        }
    }

    private static ClientLimits limits(String[] settings) {
        int rpm = 0;
        int concurrent = 0;
        int daily = 0;
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            String name = equals < 0 ? setting : setting.substring(0, equals);
            String value = equals < 0 ? "" : setting.substring(equals + 1);
            // Only a limit's name goes into a message: a misplaced key would otherwise be echoed.
            if (!value.matches("[1-9][0-9]{0,8}")) {
                throw new IllegalArgumentException("a limit is rpm=N, concurrent=N or daily=N with N a positive"
                        + " whole number");
            }
            int number = Integer.parseInt(value);
            switch (name) {
                case "rpm" -> rpm = number;
                case "concurrent" -> concurrent = number;
                case "daily" -> daily = number;
                default -> throw new IllegalArgumentException("unknown limit; the limits are rpm, concurrent, daily");
            }
        }
        return new ClientLimits(rpm, concurrent, daily);
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + path + ": " + e);
        }
    }

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
