/** The CSS runtime. */
@NullMarked
package dev.jsandbox.languages.css;

import org.jspecify.annotations.NullMarked;
