package dev.jsandbox.api;

/**
 * The judgement of a submission with test cases, as online judges name it: {@link #ACCEPTED} when every case
 * passed, else what went wrong first.
 */
public enum Verdict {
    /** Every case ran successfully, and every expected output matched. */
    ACCEPTED,
    /** A case ran successfully but its stdout did not match the expected output. */
    WRONG_ANSWER,
    /** The program did not compile; no case ran. */
    COMPILE_ERROR,
    /** Compilation took longer than the compile timeout; no case ran. */
    COMPILE_TIMEOUT,
    /** A case exited with a non-zero code or was killed by a signal it caused. */
    RUNTIME_ERROR,
    /** A case ran longer than the timeout. */
    TIMEOUT,
    /** A case exceeded the memory limit. */
    MEMORY_LIMIT_EXCEEDED,
    /** A case wrote more than the output limit. */
    OUTPUT_LIMIT_EXCEEDED;

    /**
     * The verdict of cases that all ran: {@link #ACCEPTED} when each is {@linkplain TestCaseResult#isAccepted()
     * accepted}, else the verdict of the first that is not.
     */
    public static Verdict judge(java.util.List<TestCaseResult> cases) {
        return cases.stream().filter(c -> !c.isAccepted()).findFirst()
                .map(c -> of(c.result().status()))
                .orElse(ACCEPTED);
    }

    /** The verdict of a case (or a compile step) that ended with this status and did not pass. */
    public static Verdict of(ExecutionStatus status) {
        return switch (status) {
            case SUCCESS -> WRONG_ANSWER;
            case COMPILE_ERROR -> COMPILE_ERROR;
            case COMPILE_TIMEOUT -> COMPILE_TIMEOUT;
            case RUNTIME_ERROR -> RUNTIME_ERROR;
            case TIMEOUT -> TIMEOUT;
            case MEMORY_LIMIT_EXCEEDED -> MEMORY_LIMIT_EXCEEDED;
            case OUTPUT_LIMIT_EXCEEDED -> OUTPUT_LIMIT_EXCEEDED;
        };
    }
}
