/** The Java runtime. */
@NullMarked
package dev.jsandbox.languages.java;

import org.jspecify.annotations.NullMarked;
