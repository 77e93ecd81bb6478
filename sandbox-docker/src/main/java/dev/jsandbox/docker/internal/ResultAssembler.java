package dev.jsandbox.docker.internal;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.TestCase;
import dev.jsandbox.api.TestCaseResult;
import dev.jsandbox.api.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Shapes a job's outcome into the caller's result: one run as it is, or test cases judged with a verdict. */
public final class ResultAssembler {

    private ResultAssembler() {
    }

    /** The result of {@code request}, whose job ended as {@code outcome}. */
    public static ExecutionResult assemble(ExecutionRequest request, JobOutcome outcome) {
        boolean judged = !request.testCases().isEmpty();
        ExecutionResult compileFailure = outcome.compileFailure();
        if (compileFailure != null) {
            return judged ? compileFailure.toBuilder().totalTestCases(request.testCases().size())
                    .verdict(Verdict.of(compileFailure.status())).build()
                    : compileFailure;
        }
        if (outcome.runs().isEmpty()) {
            throw new IllegalStateException("a job without compile failure reported no run");
        }
        if (!judged) {
            return withCompileStep(outcome.runs().get(0).toBuilder(), outcome).build();
        }
        List<TestCaseResult> cases = new ArrayList<>();
        for (int i = 0; i < outcome.runs().size(); i++) {
            ExecutionResult run = outcome.runs().get(i);
            TestCase testCase = request.testCases().get(i);
            Boolean passed = testCase.expectedOutput() == null ? null
                    : run.status() == ExecutionStatus.SUCCESS
                            && request.comparison().matches(testCase.expectedOutput(), run.stdout());
            cases.add(new TestCaseResult(i, run, passed));
        }
        ExecutionResult shown = cases.stream().filter(c -> !c.isAccepted()).findFirst()
                .orElse(cases.get(cases.size() - 1)).result();
        return withCompileStep(shown.toBuilder(), outcome).testCases(cases)
                .totalTestCases(request.testCases().size()).verdict(Verdict.judge(cases)).build();
    }

    private static ExecutionResult.Builder withCompileStep(ExecutionResult.Builder builder, JobOutcome outcome) {
        return builder.compileOutput(outcome.compileOutput()).compileOutputTruncated(outcome.compileOutputTruncated())
                .compileTime(outcome.compileTime()).compilePeakMemoryBytes(outcome.compilePeakMemoryBytes());
    }
}
