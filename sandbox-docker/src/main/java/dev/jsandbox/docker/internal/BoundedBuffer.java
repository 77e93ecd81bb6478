package dev.jsandbox.docker.internal;

import java.util.Arrays;

/**
 * Keeps at most {@code capacity} bytes and remembers whether more were offered. Grows as needed, so an execution
 * that prints little costs little. Not thread-safe.
 */
final class BoundedBuffer {
    private final int capacity;
    private byte[] bytes = new byte[256];
    private int size;
    private long offered;

    BoundedBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** Appends what fits and returns false once more than the capacity was offered. */
    boolean append(byte[] data, int offset, int length) {
        offered += length;
        int take = Math.min(capacity - size, length);
        if (take > 0) {
            if (size + take > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(capacity, Math.max(size + take, 2L * bytes.length)));
            }
            System.arraycopy(data, offset, bytes, size, take);
            size += take;
        }
        return offered <= capacity;
    }

    /** Empties the buffer, which may then take its whole capacity again. */
    void clear() {
        size = 0;
        offered = 0;
    }

    boolean overflowed() {
        return offered > capacity;
    }

    int size() {
        return size;
    }

    /** The byte at {@code index}, which must be below {@link #size()}. */
    byte byteAt(int index) {
        return bytes[index];
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** The first {@code length} bytes (fewer if fewer are held). */
    byte[] head(int length) {
        return Arrays.copyOf(bytes, Math.max(0, Math.min(length, size)));
    }

    /** The last {@code length} bytes (fewer if fewer are held), without copying the rest. */
    byte[] tail(int length) {
        return Arrays.copyOfRange(bytes, Math.max(0, size - length), size);
    }
}
