/**
 * Implementation of the Docker backend. Not an API: every type here may change in any release. docker-java types
 * appear only in this package.
 */
@NullMarked
package dev.jsandbox.docker.internal;

import org.jspecify.annotations.NullMarked;
