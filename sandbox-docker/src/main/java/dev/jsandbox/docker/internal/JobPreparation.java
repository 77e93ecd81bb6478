package dev.jsandbox.docker.internal;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.api.TestCase;
import dev.jsandbox.spi.ExecutionPlan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a request against the limits it runs under and turns it into the runner's job. Everything here happens
 * before any container is involved, so a rejected request costs nothing.
 */
public final class JobPreparation {

    /** In judge mode all cases together keep at most this many times the output limit per stream. */
    static final int JUDGE_OUTPUT_FACTOR = 8;

    private JobPreparation() {
    }

    /**
     * The job for {@code request} under {@code limits}, run as {@code plan} says.
     *
     * @throws InvalidRequestException if the code and files, the input or the test cases exceed the limits, or a
     *     file has the main file's name
     */
    public static JobEncoder.Job job(ExecutionRequest request, ExecutionPlan plan, Limits limits) {
        limits.check(request);
        String main = plan.sourceFileName();
        List<JobEncoder.JobFile> files = new ArrayList<>();
        files.add(new JobEncoder.JobFile(main, utf8(request.code())));
        for (SourceFile file : request.files()) {
            if (file.name().equals(main) || main.startsWith(file.name() + "/")) {
                throw new InvalidRequestException("file '" + file.name() + "' clashes with the main file, which "
                        + request.language() + " saves as '" + main + "'");
            }
            files.add(new JobEncoder.JobFile(file.name(), utf8(file.content())));
        }
        List<byte[]> stdins = request.testCases().isEmpty() ? List.of(utf8(request.stdin()))
                : request.testCases().stream().map(TestCase::input).map(JobPreparation::utf8).toList();
        return new JobEncoder.Job(plan, files, request.args(), stdins, limits.compileTimeout(), limits.timeout(),
                runOutputCap(limits, stdins.size()), limits.maxOutputBytes());
    }

    /** Each run's cap: the limit, shared out in judge mode so that the whole submission stays bounded. */
    static int runOutputCap(Limits limits, int runs) {
        long shared = (long) JUDGE_OUTPUT_FACTOR * limits.maxOutputBytes() / runs;
        return (int) Math.max(1, Math.min(limits.maxOutputBytes(), shared));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
