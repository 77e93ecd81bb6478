package dev.jsandbox.api;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks of a request that need no container, against what a sandbox says of itself: its languages and its
 * {@link Limits}. A queue runs them when a request is submitted, so that the submitter hears of an invalid request at
 * once instead of finding a FAILED submission later. The sandbox checks again when it executes; these checks mirror
 * its own and must not be stricter.
 */
final class SubmissionPrecheck {

    private final CodeSandbox sandbox;
    /** Lower-case ids and aliases: a sandbox's runtimes are fixed when it is built, so they are asked for once. */
    private volatile @Nullable Set<String> languageNames;

    SubmissionPrecheck(CodeSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * @throws UnknownLanguageException if the sandbox has no such language
     * @throws InvalidRequestException if the code, the input or the test cases exceed the sandbox's limits, or an
     *     override raises a limit
     */
    void check(ExecutionRequest request) {
        Set<String> names = languageNames();
        // A sandbox that lists no languages (a test double, say) leaves this check to its execute.
        if (!names.isEmpty() && !names.contains(request.language().toLowerCase(Locale.ROOT))) {
            throw new UnknownLanguageException(request.language(),
                    sandbox.languages().stream().map(LanguageInfo::id).toList());
        }
        sandbox.limits().narrowedBy(request.limitOverrides()).check(request);
    }

    private Set<String> languageNames() {
        Set<String> names = languageNames;
        if (names == null) {
            Set<String> fresh = new HashSet<>();
            for (LanguageInfo language : sandbox.languages()) {
                fresh.add(language.id().toLowerCase(Locale.ROOT));
                language.aliases().forEach(alias -> fresh.add(alias.toLowerCase(Locale.ROOT)));
            }
            names = Set.copyOf(fresh);
            if (!names.isEmpty()) {
                languageNames = names;
            }
        }
        return names;
    }
}
