package dev.jsandbox.redis;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.UnknownLanguageException;
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
        limits.narrowedBy(request.limitOverrides()).check(request);
    }
}
