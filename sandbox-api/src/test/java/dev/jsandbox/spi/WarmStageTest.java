package dev.jsandbox.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmStageTest {

    @Test
    void copiesItsLists() {
        List<String> command = new ArrayList<>(List.of("node", "warm.cjs"));
        WarmStage stage = WarmStage.of(command, List.of("node"));
        command.add("changed");
        assertEquals(List.of("node", "warm.cjs"), stage.command());
        assertEquals(Map.of(), stage.environment());
    }

    @Test
    void rejectsEmptyListsMalformedVariablesAndNul() {
        assertThrows(IllegalArgumentException.class, () -> WarmStage.of(List.of(), List.of("node")));
        assertThrows(IllegalArgumentException.class, () -> WarmStage.of(List.of("node"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> WarmStage.of(List.of("no\0de"), List.of("node")));
        assertThrows(IllegalArgumentException.class, () -> WarmStage.of(List.of("node"), List.of("no\0de")));
        assertThrows(IllegalArgumentException.class,
                () -> new WarmStage(List.of("node"), List.of("node"), Map.of("A-B", "x")));
    }

    @Test
    void aRuntimeHasNoWarmStageUnlessItDeclaresOne() {
        assertTrue(new TestRuntimes.Alpha().warmStage(Limits.defaults()).isEmpty());
    }
}
