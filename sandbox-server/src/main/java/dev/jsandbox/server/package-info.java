/**
 * The standalone jsandbox server: {@link dev.jsandbox.server.SandboxServerMain} serves the routes of
 * {@code sandbox-http} over a {@code DockerSandbox}, configured from the environment.
 */
@NullMarked
package dev.jsandbox.server;

import org.jspecify.annotations.NullMarked;
