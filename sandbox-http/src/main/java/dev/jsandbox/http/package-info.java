/**
 * The HTTP adapter: {@link dev.jsandbox.http.SandboxApi} builds Vert.x Web routes over any
 * {@link dev.jsandbox.api.CodeSandbox} ({@code POST /api/execute}, {@code GET /api/languages},
 * {@code GET /api/health}, the OpenAPI document and Swagger UI) that an application mounts in its own router;
 * {@link dev.jsandbox.http.SandboxApi#listen} serves them on a port of their own, and
 * {@link dev.jsandbox.http.SandboxApiOptions} says what they accept. Everything else in this package is
 * implementation.
 */
@NullMarked
package dev.jsandbox.http;

import org.jspecify.annotations.NullMarked;
