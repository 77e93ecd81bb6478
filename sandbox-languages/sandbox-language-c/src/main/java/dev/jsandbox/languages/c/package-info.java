/** The C runtime. */
@NullMarked
package dev.jsandbox.languages.c;

import org.jspecify.annotations.NullMarked;
