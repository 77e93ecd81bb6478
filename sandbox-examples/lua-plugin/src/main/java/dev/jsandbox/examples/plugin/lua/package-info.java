/** A third-party language plugin: Lua 5.4. */
@NullMarked
package dev.jsandbox.examples.plugin.lua;

import org.jspecify.annotations.NullMarked;
