package dev.jsandbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionRequestTest {

    @Test
    void buildsWithDocumentedDefaults() {
        ExecutionRequest request = ExecutionRequest.of("python", "print(1)");
        assertEquals("", request.stdin());
        assertEquals(List.of(), request.args());
        assertEquals(LimitOverrides.none(), request.limits());
    }

    @Test
    void copiesTheArguments() {
        List<String> args = new ArrayList<>(List.of("a"));
        ExecutionRequest request = ExecutionRequest.builder("python", "print(1)").args(args).build();
        args.add("b");
        assertEquals(List.of("a"), request.args());
        assertThrows(UnsupportedOperationException.class, () -> request.args().add("c"));
    }

    @Test
    void rejectsEmptyCode() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ExecutionRequest.of("python", " \n"));
        assertEquals("code must not be empty", e.getMessage());
    }

    @Test
    void rejectsAMalformedLanguageShowingControlCharacters() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ExecutionRequest.of("py\0thon", "print(1)"));
        assertTrue(e.getMessage().contains("py\\u0000thon"), e.getMessage());
        assertThrows(InvalidRequestException.class, () -> ExecutionRequest.of("", "print(1)"));
        assertThrows(InvalidRequestException.class, () -> ExecutionRequest.of("python 3", "print(1)"));
        assertThrows(InvalidRequestException.class, () -> ExecutionRequest.of("x".repeat(65), "print(1)"));
    }

    @Test
    void rejectsArgumentsNoProgramCanReceive() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ExecutionRequest.builder("python", "print(1)").args("ok", "n\0ul").build());
        assertEquals("args[1] contains a NUL character, which no program can receive", e.getMessage());
        assertThrows(InvalidRequestException.class,
                () -> ExecutionRequest.builder("python", "print(1)").args(java.util.Collections.nCopies(257, "a")).build());
    }

    @Test
    void rejectsNullComponentsAsInvalidRequests() {
        assertThrows(InvalidRequestException.class, () -> new ExecutionRequest("python", null, "", List.of(), LimitOverrides.none()));
        assertThrows(InvalidRequestException.class, () -> new ExecutionRequest(null, "x", "", List.of(), LimitOverrides.none()));
    }

    @Test
    void keepsShellMetacharactersAndNewlinesLiterally() {
        ExecutionRequest request = ExecutionRequest.builder("python", "print(1)").args("$(id)", "`id`", "a;b", "x\ny", "../..").build();
        assertEquals(List.of("$(id)", "`id`", "a;b", "x\ny", "../.."), request.args());
    }
}
