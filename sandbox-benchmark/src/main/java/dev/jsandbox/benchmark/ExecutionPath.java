package dev.jsandbox.benchmark;

import dev.jsandbox.spi.LanguageRuntime;

/** One way of executing a hello world; each call is one complete execution, compile step included. */
interface ExecutionPath extends AutoCloseable {

    /** A short name for tables. */
    String name();

    /** Whether this path can run the language here (e.g. the bare path needs the toolchain on the host). */
    boolean supports(LanguageRuntime runtime);

    /** Executes the code once and throws if it did not succeed. */
    void execute(LanguageRuntime runtime, String code) throws Exception;

    @Override
    default void close() {
    }
}
