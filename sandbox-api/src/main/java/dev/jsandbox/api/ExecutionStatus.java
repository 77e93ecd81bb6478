package dev.jsandbox.api;

/**
 * How an execution ended, decided from facts the program cannot write: the kernel's exit status and signal, the
 * container cgroup's count of OOM kills, and the sandbox's own deadline and output counters - never from what the
 * program printed. When several apply, the most specific wins, in this order: compile error, compile
 * timeout, output limit exceeded, memory limit exceeded, timeout, runtime error; {@link #SUCCESS} only when none
 * applies.
 */
public enum ExecutionStatus {
    /** The program ran and exited with code 0. */
    SUCCESS,
    /** The compiler rejected the code; {@link ExecutionResult#compileOutput()} says why. The program did not run. */
    COMPILE_ERROR,
    /** Compilation took longer than the compile timeout. The program did not run. */
    COMPILE_TIMEOUT,
    /** The program exited with a non-zero code or was killed by a signal it caused itself. */
    RUNTIME_ERROR,
    /** The program ran longer than the timeout and was killed (exit code 137). Output produced until then is kept. */
    TIMEOUT,
    /**
     * The kernel killed a process of the program for exceeding the container's memory limit. (A language runtime
     * that gives up on its own - Python's {@code MemoryError}, a JVM's {@code OutOfMemoryError} for an array larger
     * than the whole limit - ends like any other error, as {@link #RUNTIME_ERROR}: its message is the program's own
     * text, which any program can print. The runtimes are configured so that a program that really uses too much
     * memory meets the container's limit first.)
     */
    MEMORY_LIMIT_EXCEEDED,
    /** The program wrote more than the output limit to stdout or stderr; it was killed there (exit code 137). */
    OUTPUT_LIMIT_EXCEEDED
}
