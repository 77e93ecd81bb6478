package dev.jsandbox.redis;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.api.TestCase;
import dev.jsandbox.api.UnknownLanguageException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The checks an API node makes before it queues a request, against what the live workers published, so that a bad
 * request fails at once (an HTTP 400) instead of after a trip through the queue. The worker's own sandbox checks
 * everything again: this is fail-fast, not the guard.
 */
final class RequestCheck {

    private RequestCheck() {
    }

    static void check(ExecutionRequest request, List<LanguageInfo> languages, Limits limits) {
        String wanted = request.language().toLowerCase(Locale.ROOT);
        boolean known = languages.stream().anyMatch(language -> language.id().equalsIgnoreCase(wanted)
                || language.aliases().stream().anyMatch(alias -> alias.equalsIgnoreCase(wanted)));
        if (!known) {
            throw new UnknownLanguageException(request.language(),
                    languages.stream().map(LanguageInfo::id).sorted().toList());
        }
        Limits narrowed = limits.narrowedBy(request.limitOverrides());
        long codeBytes = utf8(request.code()) + request.files().stream().map(SourceFile::content)
                .mapToLong(RequestCheck::utf8).sum();
        if (codeBytes > narrowed.maxCodeBytes()) {
            throw new InvalidRequestException((request.files().isEmpty() ? "code is " : "code and files are ")
                    + codeBytes + " bytes, more than the limit of " + narrowed.maxCodeBytes() + " bytes");
        }
        if (request.testCases().size() > narrowed.maxTestCases()) {
            throw new InvalidRequestException("at most " + narrowed.maxTestCases() + " test cases are allowed, got "
                    + request.testCases().size());
        }
        long stdinBytes = request.testCases().isEmpty() ? utf8(request.stdin())
                : request.testCases().stream().map(TestCase::input).mapToLong(RequestCheck::utf8).sum();
        if (stdinBytes > narrowed.maxStdinBytes()) {
            throw new InvalidRequestException((request.testCases().isEmpty() ? "stdin is " : "the test case inputs are ")
                    + stdinBytes + " bytes, more than the limit of " + narrowed.maxStdinBytes() + " bytes");
        }
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
