/** The Go runtime. */
@NullMarked
package dev.jsandbox.languages.go;

import org.jspecify.annotations.NullMarked;
