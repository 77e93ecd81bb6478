package dev.jsandbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void defaultsAreTheProducts() {
        Limits limits = Limits.defaults();
        assertEquals(Duration.ofSeconds(5), limits.timeout());
        assertEquals(Duration.ofSeconds(10), limits.compileTimeout());
        assertEquals(256L * 1024 * 1024, limits.memoryBytes());
        assertEquals(50, limits.maxProcesses());
        assertEquals(1.0, limits.cpus());
        assertEquals(50_000, limits.maxCodeBytes());
        assertEquals(1024 * 1024, limits.maxOutputBytes());
        assertEquals(64L * 1024 * 1024, limits.workspaceBytes());
    }

    @Test
    void rejectsBadValuesNamingTheValueAndTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Limits.builder().maxProcesses(2).build());
        assertEquals("maxProcesses must be between 8 and 10000, was 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Limits.builder().timeout(Duration.ZERO).build());
        assertTrue(e.getMessage().startsWith("timeout must be more than 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Limits.builder().cpus(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> Limits.builder().memoryBytes(1024).build());
        assertThrows(NullPointerException.class, () -> Limits.builder().compileTimeout(null).build());
    }

    @Test
    void overridesMayOnlyLower() {
        Limits configured = Limits.defaults();
        Limits lowered = configured.narrowedBy(LimitOverrides.builder()
                .timeout(Duration.ofSeconds(1)).memoryBytes(64L << 20).maxProcesses(20).maxOutputBytes(1000).build());
        assertEquals(Duration.ofSeconds(1), lowered.timeout());
        assertEquals(configured.compileTimeout(), lowered.compileTimeout());
        assertEquals(64L << 20, lowered.memoryBytes());
        assertEquals(20, lowered.maxProcesses());
        assertEquals(1000, lowered.maxOutputBytes());

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> configured.narrowedBy(LimitOverrides.timeout(Duration.ofSeconds(6))));
        assertEquals("limits.timeout may only lower the configured limit: requested PT6S, configured PT5S", e.getMessage());
        assertThrows(InvalidRequestException.class,
                () -> configured.narrowedBy(LimitOverrides.builder().memoryBytes(1L << 40).build()));
    }

    @Test
    void anOverrideBelowTheAbsoluteMinimumIsAnInvalidRequest() {
        assertThrows(InvalidRequestException.class,
                () -> Limits.defaults().narrowedBy(LimitOverrides.builder().maxProcesses(3).build()));
        assertThrows(InvalidRequestException.class, () -> LimitOverrides.timeout(Duration.ofSeconds(-1)));
    }

    @Test
    void overridesAreValidatedAsAMalformedRequestNeverANullPointer() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> LimitOverrides.builder().timeout(null));
        assertEquals("limits.timeout must not be null; leave it unset to keep the configured limit", e.getMessage());
        assertThrows(InvalidRequestException.class, () -> LimitOverrides.builder().compileTimeout(null));
        assertThrows(InvalidRequestException.class, () -> LimitOverrides.timeout(null));
        e = assertThrows(InvalidRequestException.class, () -> LimitOverrides.builder().memoryBytes(0).build());
        assertEquals("limits.memoryBytes must be positive, was 0", e.getMessage());
        assertThrows(InvalidRequestException.class, () -> LimitOverrides.builder().maxOutputBytes(-1).build());
        assertThrows(InvalidRequestException.class,
                () -> LimitOverrides.builder().compileTimeout(Duration.ZERO).build());
        assertEquals(LimitOverrides.none(), LimitOverrides.builder().build());
        assertEquals(new LimitOverrides(Duration.ofSeconds(1), null, 1L << 20, null, null),
                LimitOverrides.builder().memoryBytes(1L << 20).timeout(Duration.ofSeconds(1)).build());
    }

    @Test
    void noOverridesKeepTheConfiguredLimits() {
        assertTrue(LimitOverrides.none().isEmpty());
        assertEquals(Limits.defaults(), Limits.defaults().narrowedBy(LimitOverrides.none()));
        assertSame(Limits.defaults(), Limits.defaults());
    }
}
