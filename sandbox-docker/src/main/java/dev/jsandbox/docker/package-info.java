/**
 * The Docker backend: {@link dev.jsandbox.docker.DockerSandbox} runs each execution in a fresh, locked-down
 * container of a Docker Engine, and {@link dev.jsandbox.docker.ImageBuilder} builds the execution images it needs
 * from the build contexts the jars ship ({@link dev.jsandbox.spi.ImageRecipe}), through the same engine.
 */
@NullMarked
package dev.jsandbox.docker;

import org.jspecify.annotations.NullMarked;
