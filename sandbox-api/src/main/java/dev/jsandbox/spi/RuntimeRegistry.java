package dev.jsandbox.spi;

import dev.jsandbox.api.UnknownLanguageException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The validated set of {@link LanguageRuntime}s of a sandbox, indexed by id and alias.
 *
 * <p>Discovery uses an explicit class loader. A provider that fails to load is reported through
 * {@link #loadProblems()} and the {@code System.Logger}, and the others are still used. Blank or malformed ids and
 * names claimed twice (as id or alias) fail fast with an {@link IllegalStateException} naming both classes. An
 * explicitly registered runtime replaces a discovered one with the same id, which lets embedders and tests swap a
 * runtime without repackaging.
 */
public final class RuntimeRegistry {

    private static final System.Logger LOG = System.getLogger(RuntimeRegistry.class.getName());
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9+#._-]{0,63}");
    private static final int MAX_PROVIDER_ERRORS = 1000;

    private final List<LanguageRuntime> runtimes;
    private final Map<String, LanguageRuntime> byName;
    private final List<String> loadProblems;

    private RuntimeRegistry(List<LanguageRuntime> runtimes, List<String> loadProblems) {
        Map<String, LanguageRuntime> names = new TreeMap<>();
        for (LanguageRuntime runtime : runtimes) {
            String id = runtime.id();
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalStateException("language runtime " + runtime.getClass().getName()
                        + " has an invalid id '" + id + "': ids must match " + ID);
            }
            claim(names, id, runtime);
            for (String alias : runtime.aliases()) {
                claim(names, alias, runtime);
            }
        }
        this.runtimes = runtimes.stream().sorted(Comparator.comparing(LanguageRuntime::id)).toList();
        this.byName = Map.copyOf(names);
        this.loadProblems = List.copyOf(loadProblems);
    }

    /** A registry of exactly these runtimes. */
    public static RuntimeRegistry of(List<? extends LanguageRuntime> runtimes) {
        return new RuntimeRegistry(List.copyOf(runtimes), List.of());
    }

    /**
     * The runtimes found by {@link ServiceLoader} through {@code classLoader}, plus the {@code explicit} ones (which
     * replace discovered runtimes of the same id).
     */
    public static RuntimeRegistry discover(ClassLoader classLoader, List<? extends LanguageRuntime> explicit) {
        List<String> problems = new ArrayList<>();
        Map<String, LanguageRuntime> byId = new LinkedHashMap<>();
        List<LanguageRuntime> discovered = new ArrayList<>();
        Iterator<LanguageRuntime> providers = ServiceLoader.load(LanguageRuntime.class, classLoader).iterator();
        for (int errors = 0; errors < MAX_PROVIDER_ERRORS; ) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                discovered.add(providers.next());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                errors++;
                String problem = "a language runtime failed to load and is ignored: " + e
                        + " (check its META-INF/services/" + LanguageRuntime.class.getName() + " entry and its"
                        + " public no-argument constructor)";
                problems.add(problem);
                LOG.log(System.Logger.Level.WARNING, problem, e);
            }
        }
        for (LanguageRuntime runtime : discovered) {
            LanguageRuntime previous = byId.putIfAbsent(runtime.id(), runtime);
            if (previous != null) {
                throw duplicate(runtime.id(), previous, runtime);
            }
        }
        for (LanguageRuntime runtime : explicit) {
            LanguageRuntime replaced = byId.put(runtime.id(), runtime);
            if (replaced != null && !discovered.contains(replaced)) {
                throw duplicate(runtime.id(), replaced, runtime);
            }
        }
        RuntimeRegistry registry = new RuntimeRegistry(List.copyOf(byId.values()), problems);
        LOG.log(System.Logger.Level.DEBUG, () -> "language runtimes: " + registry.byName.keySet());
        return registry;
    }

    /**
     * The runtime whose id or alias is {@code language}, ignoring case.
     *
     * @throws UnknownLanguageException listing the known ids when there is none
     */
    public LanguageRuntime resolve(String language) {
        LanguageRuntime runtime = byName.get(language.toLowerCase(Locale.ROOT));
        if (runtime == null) {
            throw new UnknownLanguageException(language, runtimes.stream().map(LanguageRuntime::id).toList());
        }
        return runtime;
    }

    /**
     * The runtime's plan for the request, checked against what the runtime declares: a sandbox plans through this
     * method, so that {@link LanguageRuntime#compiled()} (which {@code languages()} reports) cannot disagree with the
     * plans that actually run.
     *
     * @throws IllegalStateException if the runtime returns no plan, or a plan with a compile step while
     *     {@code compiled()} is false (or the reverse); the message names the runtime's class, whose bug it is
     */
    public static ExecutionPlan plan(LanguageRuntime runtime, PlanRequest request) {
        ExecutionPlan plan = runtime.plan(request);
        if (plan == null) {
            throw new IllegalStateException("language runtime " + runtime.getClass().getName() + " returned no plan");
        }
        if (plan.hasCompileStep() != runtime.compiled()) {
            throw new IllegalStateException("language runtime " + runtime.getClass().getName() + " declares compiled() = "
                    + runtime.compiled() + " but returned a plan " + (plan.hasCompileStep() ? "with" : "without")
                    + " a compile step; make compiled() return true exactly when plan() uses ExecutionPlan.compiled");
        }
        return plan;
    }

    /** Every runtime, ordered by id. */
    public List<LanguageRuntime> runtimes() {
        return runtimes;
    }

    /** Why providers failed to load during discovery; empty when all loaded. */
    public List<String> loadProblems() {
        return loadProblems;
    }

    private static void claim(Map<String, LanguageRuntime> names, String name, LanguageRuntime runtime) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.isBlank()) {
            throw new IllegalStateException("language runtime " + runtime.getClass().getName() + " has a blank alias");
        }
        LanguageRuntime previous = names.putIfAbsent(key, runtime);
        if (previous != null && previous != runtime) {
            throw duplicate(key, previous, runtime);
        }
    }

    private static IllegalStateException duplicate(String name, LanguageRuntime first, LanguageRuntime second) {
        return new IllegalStateException("language name '" + name + "' is claimed by both "
                + first.getClass().getName() + " and " + second.getClass().getName()
                + "; remove one of them from the class path or register a replacement explicitly");
    }
}
