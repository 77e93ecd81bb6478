/** The Python runtime. */
@NullMarked
package dev.jsandbox.languages.python;

import org.jspecify.annotations.NullMarked;
