/**
 * The HTTP adapter: {@link dev.jsandbox.http.SandboxServer} serves a {@link dev.jsandbox.api.CodeSandbox} as
 * {@code POST /api/execute}, {@code GET /api/languages} and {@code GET /api/health}, configured by
 * {@link dev.jsandbox.http.ServerConfig}. Everything else in this package is implementation.
 */
@NullMarked
package dev.jsandbox.http;

import org.jspecify.annotations.NullMarked;
