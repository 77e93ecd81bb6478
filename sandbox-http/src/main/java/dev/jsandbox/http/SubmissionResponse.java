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
                result == null ? null : ExecutionResponse.of(result), submission.failure());
    }
}
