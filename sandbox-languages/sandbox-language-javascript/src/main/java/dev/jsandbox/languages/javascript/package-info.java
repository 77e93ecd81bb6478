/** The JavaScript runtime. */
@NullMarked
package dev.jsandbox.languages.javascript;

import org.jspecify.annotations.NullMarked;
