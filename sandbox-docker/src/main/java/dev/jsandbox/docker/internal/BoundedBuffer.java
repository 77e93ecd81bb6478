package dev.jsandbox.docker.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Keeps at most {@code capacity} bytes and remembers whether more were offered. Not thread-safe. */
final class BoundedBuffer {
    private final int capacity;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long offered;

    BoundedBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** Appends what fits and returns false once more than the capacity was offered. */
    boolean append(byte[] data, int offset, int length) {
        offered += length;
        int room = capacity - bytes.size();
        if (room > 0) {
            bytes.write(data, offset, Math.min(room, length));
        }
        return offered <= capacity;
    }

    boolean overflowed() {
        return offered > capacity;
    }

    int size() {
        return bytes.size();
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /** The first {@code length} bytes. */
    byte[] head(int length) {
        return Arrays.copyOf(bytes.toByteArray(), Math.min(length, bytes.size()));
    }
}
