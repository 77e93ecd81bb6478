/**
 * The consumer API: a {@link dev.jsandbox.api.CodeSandbox} executes an {@link dev.jsandbox.api.ExecutionRequest}
 * and returns an {@link dev.jsandbox.api.ExecutionResult}.
 *
 * <p>Outcomes of the program (it crashed, looped, ran out of memory) are results with an
 * {@link dev.jsandbox.api.ExecutionStatus}; faults of the infrastructure or of the request are unchecked
 * {@link dev.jsandbox.api.SandboxException}s whose message says what to do.
 */
@NullMarked
package dev.jsandbox.api;

import org.jspecify.annotations.NullMarked;
