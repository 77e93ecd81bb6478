/**
 * Test support for runtimes and integrations: {@link dev.jsandbox.testkit.RequiresDocker} runs a test class
 * against a real Docker sandbox, and {@link dev.jsandbox.testkit.LanguageRuntimeContract} is the conformance kit
 * every language runtime's tests extend.
 */
@NullMarked
package dev.jsandbox.testkit;

import org.jspecify.annotations.NullMarked;
