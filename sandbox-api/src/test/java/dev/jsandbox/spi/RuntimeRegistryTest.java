package dev.jsandbox.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.UnknownLanguageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeRegistryTest {

    private static final ClassLoader LOADER = RuntimeRegistryTest.class.getClassLoader();

    @Test
    void discoversProvidersAndReportsTheOneThatFailsToLoad() {
        RuntimeRegistry registry = RuntimeRegistry.discover(LOADER, List.of());
        assertEquals(List.of("alpha", "beta"), registry.runtimes().stream().map(LanguageRuntime::id).toList());
        assertEquals(1, registry.loadProblems().size());
        assertTrue(registry.loadProblems().get(0).contains(TestRuntimes.Broken.class.getName()), registry.loadProblems().get(0));
    }

    @Test
    void resolvesIdsAndAliasesIgnoringCase() {
        RuntimeRegistry registry = RuntimeRegistry.discover(LOADER, List.of());
        assertEquals("alpha", registry.resolve("ALPHA").id());
        assertEquals("alpha", registry.resolve("a").id());
        UnknownLanguageException e = assertThrows(UnknownLanguageException.class, () -> registry.resolve("gamma"));
        assertEquals("unknown language 'gamma'; known languages: alpha, beta", e.getMessage());
    }

    @Test
    void explicitRegistrationAddsAndReplaces() {
        TestRuntimes.Alpha replacement = new TestRuntimes.Alpha();
        RuntimeRegistry registry = RuntimeRegistry.discover(LOADER, List.of(replacement, new TestRuntimes.Gamma()));
        assertSame(replacement, registry.resolve("alpha"));
        assertEquals("gamma", registry.resolve("gamma").id());
    }

    @Test
    void aDuplicateIdFailsFastNamingBothClasses() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RuntimeRegistry.of(List.of(new TestRuntimes.Alpha(), new TestRuntimes.AlphaImpostor())));
        assertTrue(e.getMessage().contains(TestRuntimes.Alpha.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(TestRuntimes.AlphaImpostor.class.getName()), e.getMessage());
    }

    @Test
    void anAliasClashingWithAnotherIdFailsFast() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RuntimeRegistry.of(List.of(new TestRuntimes.Beta(), new TestRuntimes.ClaimsBeta())));
        assertTrue(e.getMessage().startsWith("language name 'beta' is claimed by both"), e.getMessage());
    }

    @Test
    void aBlankOrMalformedIdFailsFast() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RuntimeRegistry.of(List.of(new TestRuntimes.Named(" "))));
        assertTrue(e.getMessage().contains("has an invalid id ' '"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> RuntimeRegistry.of(List.of(new TestRuntimes.Named("Upper"))));
    }

    @Test
    void planValidationRejectsPathsAndEmptyCommands() {
        assertThrows(IllegalArgumentException.class, () -> ExecutionPlan.interpreted("../main.py", List.of("python3")));
        assertThrows(IllegalArgumentException.class, () -> ExecutionPlan.interpreted(".hidden", List.of("python3")));
        assertThrows(IllegalArgumentException.class, () -> ExecutionPlan.interpreted("main.py", List.of()));
        assertThrows(IllegalArgumentException.class, () -> ExecutionPlan.compiled("main.c", List.of(), List.of("./main")));
        assertThrows(IllegalArgumentException.class,
                () -> ExecutionPlan.interpreted("main.py", List.of("x")).withEnvironment(java.util.Map.of("A=B", "c")));
    }

    @Test
    void aPlanMustAgreeWithWhatTheRuntimeDeclares() {
        PlanRequest request = PlanRequest.of("print 1");
        assertTrue(RuntimeRegistry.plan(new TestRuntimes.Compiles(), request).hasCompileStep());
        assertEquals(List.of(), RuntimeRegistry.plan(new TestRuntimes.Alpha(), request).compileCommand());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RuntimeRegistry.plan(new TestRuntimes.ClaimsToCompile(), request));
        assertEquals("language runtime " + TestRuntimes.ClaimsToCompile.class.getName() + " declares compiled() = true"
                + " but returned a plan without a compile step; make compiled() return true exactly when plan() uses"
                + " ExecutionPlan.compiled", e.getMessage());
    }

    @Test
    void theDefaultBuildCommandBuildsThePluginsOwnImage() {
        assertEquals("docker/build-images.sh base --extra test/alpha:1=<directory of the Dockerfile of test/alpha:1>",
                new TestRuntimes.Alpha().buildCommand());
    }
}
