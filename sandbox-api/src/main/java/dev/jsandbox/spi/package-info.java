/**
 * The provider SPI: a {@link dev.jsandbox.spi.LanguageRuntime} teaches a sandbox one language. Runtimes are
 * discovered with {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.jsandbox.spi.LanguageRuntime}
 * line) or registered explicitly; {@link dev.jsandbox.spi.RuntimeRegistry} validates and indexes them.
 */
@NullMarked
package dev.jsandbox.spi;

import org.jspecify.annotations.NullMarked;
