package dev.jsandbox.http;

/** Every execution slot is busy and the waiting queue is full. */
final class QueueFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueueFullException(String message) {
        super(message, null, false, false);
    }
}
