/** Examples of embedding jsandbox. */
@NullMarked
package dev.jsandbox.examples;

import org.jspecify.annotations.NullMarked;
