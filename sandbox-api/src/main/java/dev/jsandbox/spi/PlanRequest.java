package dev.jsandbox.spi;

import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SourceFile;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link LanguageRuntime} is asked to plan. Runtimes only read it; the sandbox builds it, so components can be
 * added without breaking runtimes.
 *
 * @param code the source code of the main file
 * @param files the request's further files, written beside the main file before the compile step (a runtime that
 *     compiles several files lists the ones it compiles in its commands)
 * @param limits the limits this execution runs under (e.g. to size a runtime's own heap so that the container's
 *     memory limit, which the sandbox observes, is what a program meets)
 */
public record PlanRequest(String code, List<SourceFile> files, Limits limits) {

    /** Requires every component and copies the files. */
    public PlanRequest {
        Objects.requireNonNull(code, "code");
        files = List.copyOf(files);
        Objects.requireNonNull(limits, "limits");
    }

    /** A request for a single file under the default limits. */
    public static PlanRequest of(String code) {
        return new PlanRequest(code, List.of(), Limits.defaults());
    }

    /** The names of the request's files that end with {@code suffix} (e.g. {@code ".c"}), in the request's order. */
    public List<String> fileNamesEndingWith(String suffix) {
        return files.stream().map(SourceFile::name).filter(name -> name.endsWith(suffix)).toList();
    }

    /** The container's memory limit in whole MiB. */
    public long memoryMiB() {
        return limits.memoryBytes() >> 20;
    }
}
