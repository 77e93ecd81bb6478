package dev.jsandbox.api;

/**
 * Receives a program's output while it runs; see {@link CodeSandbox#execute(ExecutionRequest, OutputListener)}.
 *
 * <p>Every method is called from one thread at a time, in the order the output was produced within each stream:
 * first the compiler's output, then the program's stdout and stderr chunks (interleaved as they arrived). A chunk
 * is a piece of decoded text of any length: chunks are not lines, and a slow listener gets fewer, larger chunks.
 * Concatenated, the chunks of a stream are what the result holds (for several test cases: the runs one after
 * another), so the caps of {@link Limits} bound them too.
 *
 * <p>A listener must not block for long: the execution's container does not wait for it, but the call to
 * {@code execute} returns only after the listener was given everything. A listener that throws is called no more;
 * the execution goes on and its result is complete.
 *
 * <p>Every method does nothing by default, so a listener implements only what it wants.
 */
public interface OutputListener {

    /** A listener that ignores everything. */
    OutputListener NONE = new OutputListener() {
    };

    /** The next piece of the compiler's output (compiled languages only). */
    default void onCompileOutput(String chunk) {
    }

    /** The next piece of the program's standard output. */
    default void onStdout(String chunk) {
    }

    /** The next piece of the program's standard error. */
    default void onStderr(String chunk) {
    }
}
