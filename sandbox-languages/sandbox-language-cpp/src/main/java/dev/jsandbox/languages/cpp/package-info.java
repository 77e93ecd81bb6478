/** The C++ runtime. */
@NullMarked
package dev.jsandbox.languages.cpp;

import org.jspecify.annotations.NullMarked;
