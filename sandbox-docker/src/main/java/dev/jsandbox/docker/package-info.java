/**
 * The Docker backend: {@link dev.jsandbox.docker.DockerSandbox} runs each execution in a fresh, locked-down
 * container of a Docker Engine.
 */
@NullMarked
package dev.jsandbox.docker;

import org.jspecify.annotations.NullMarked;
