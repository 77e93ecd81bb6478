/**
 * Micrometer meters for a sandbox: {@link dev.jsandbox.micrometer.MicrometerSandboxMetrics} hears a sandbox's
 * events and records them in the {@code MeterRegistry} an application passes.
 */
@NullMarked
package dev.jsandbox.micrometer;

import org.jspecify.annotations.NullMarked;
