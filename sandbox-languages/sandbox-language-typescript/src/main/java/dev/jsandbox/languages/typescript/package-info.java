/** The TypeScript runtime. */
@NullMarked
package dev.jsandbox.languages.typescript;

import org.jspecify.annotations.NullMarked;
