/** The HTML runtime. */
@NullMarked
package dev.jsandbox.languages.html;

import org.jspecify.annotations.NullMarked;
