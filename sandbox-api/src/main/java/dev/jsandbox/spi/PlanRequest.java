package dev.jsandbox.spi;

import java.util.Objects;

/**
 * What a {@link LanguageRuntime} is asked to plan. A record, so that new components can be added without breaking
 * runtimes.
 *
 * @param code the source code of the main file
 */
public record PlanRequest(String code) {

    /** Requires the code. */
    public PlanRequest {
        Objects.requireNonNull(code, "code");
    }
}
