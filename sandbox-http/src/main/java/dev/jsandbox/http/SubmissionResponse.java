package dev.jsandbox.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.Submission;
import org.jspecify.annotations.Nullable;

/**
 * The body of a {@code 200} from {@code GET /api/submissions/{id}}: the id, the state, and, when DONE, the result
 * exactly as {@code POST /api/execute} writes it ({@link ExecutionResponse}), or, when FAILED, why.
 */
@JsonPropertyOrder({"id", "state", "result", "failure"})
record SubmissionResponse(String id, String state,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ExecutionResponse result,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String failure) {

    static SubmissionResponse of(Submission submission) {
        ExecutionResult result = submission.result();
        return new SubmissionResponse(submission.id(), submission.state().name(),
                result == null ? null : ExecutionResponse.of(result, testCaseCount(result)), submission.failure());
    }

    /**
     * How many test cases the request had, which a submission does not carry: every case runs unless the program
     * did not compile, so it is the number of case results. After a compile failure no case ran, and {@code total}
     * is 0 here where {@code POST /api/execute} says how many the request had.
     */
    private static int testCaseCount(ExecutionResult result) {
        return result.testCases().size();
    }
}
