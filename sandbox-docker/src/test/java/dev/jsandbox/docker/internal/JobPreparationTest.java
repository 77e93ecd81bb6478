package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.TestCase;
import dev.jsandbox.spi.ExecutionPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobPreparationTest {

    private static final ExecutionPlan PLAN = ExecutionPlan.interpreted("main.py", List.of("python3", "main.py"));

    @Test
    void theMainFileComesFirstThenTheRequestsFilesAndOneStdinPerCase() {
        JobEncoder.Job job = JobPreparation.job(ExecutionRequest.builder("python", "print(1)")
                .file("lib/util.py", "X = 1").testCase(TestCase.of("a", "a")).testCase(TestCase.withInput("b"))
                .build(), PLAN, Limits.defaults());
        assertEquals(List.of("main.py", "lib/util.py"), job.files().stream().map(JobEncoder.JobFile::path).toList());
        assertEquals(List.of("a", "b"), job.stdins().stream().map(String::new).toList());
        assertEquals(Limits.defaults().maxOutputBytes(), job.runOutputCap(), "two cases keep the whole limit");
    }

    @Test
    void manyCasesShareEightTimesTheOutputLimit() {
        Limits limits = Limits.builder().maxOutputBytes(1 << 20).maxTestCases(1024).build();
        assertEquals(1 << 20, JobPreparation.runOutputCap(limits, 1));
        assertEquals(1 << 20, JobPreparation.runOutputCap(limits, 8));
        assertEquals((8 << 20) / 64, JobPreparation.runOutputCap(limits, 64));
        assertTrue(JobPreparation.runOutputCap(limits, 1024) * 1024L <= 8L << 20);
    }

    @Test
    void rejectsWhatTheLimitsDoNotAllowBeforeAnyContainer() {
        Limits limits = Limits.builder().maxCodeBytes(100).maxStdinBytes(10).maxTestCases(2).build();
        assertTrue(assertThrows(InvalidRequestException.class, () -> JobPreparation.job(ExecutionRequest
                .builder("python", "print(1)").file("main.py", "x").build(), PLAN, limits))
                .getMessage().contains("clashes with the main file"));
        assertTrue(assertThrows(InvalidRequestException.class, () -> JobPreparation.job(ExecutionRequest
                .builder("python", "print(1)").file("data.txt", "x".repeat(100)).build(), PLAN, limits))
                .getMessage().startsWith("code and files are 108 bytes"));
        assertTrue(assertThrows(InvalidRequestException.class, () -> JobPreparation.job(ExecutionRequest
                .builder("python", "print(1)").testCases(List.of(TestCase.withInput("1"), TestCase.withInput("2"),
                        TestCase.withInput("3"))).build(), PLAN, limits))
                .getMessage().startsWith("at most 2 test cases"));
        assertTrue(assertThrows(InvalidRequestException.class, () -> JobPreparation.job(ExecutionRequest
                .builder("python", "print(1)").testCases(List.of(TestCase.withInput("123456"),
                        TestCase.withInput("123456"))).build(), PLAN, limits))
                .getMessage().startsWith("the test case inputs are 12 bytes"));
    }
}
