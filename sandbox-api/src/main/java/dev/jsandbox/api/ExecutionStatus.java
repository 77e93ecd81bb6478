package dev.jsandbox.api;

/**
 * How an execution ended. When several apply, the most specific wins, in this order: compile error, compile
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
    /** The program ran longer than the timeout and was killed. Output produced until then is kept. */
    TIMEOUT,
    /** The program (or one of its processes) exceeded the memory limit, or its runtime reported running out. */
    MEMORY_LIMIT_EXCEEDED,
    /** The program wrote more than the output limit to stdout or stderr; it was stopped there. */
    OUTPUT_LIMIT_EXCEEDED
}
