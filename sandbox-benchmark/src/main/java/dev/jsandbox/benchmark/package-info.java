/** The benchmark of issue 6: four execution paths side by side on one engine. */
@NullMarked
package dev.jsandbox.benchmark;

import org.jspecify.annotations.NullMarked;
