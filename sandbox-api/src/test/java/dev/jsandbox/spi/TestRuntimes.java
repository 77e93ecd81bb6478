package dev.jsandbox.spi;

import java.util.List;

/** Runtimes for the registry tests; Alpha, Beta and Broken are listed in the test services file. */
final class TestRuntimes {

    private TestRuntimes() {
    }

    abstract static class Base implements LanguageRuntime {
        @Override
        public String image() {
            return "test/" + id() + ":1";
        }

        @Override
        public ExecutionPlan plan(PlanRequest request) {
            return ExecutionPlan.interpreted("main.txt", List.of("cat", "main.txt"));
        }
    }

    public static final class Alpha extends Base {
        @Override
        public String id() {
            return "alpha";
        }

        @Override
        public List<String> aliases() {
            return List.of("a");
        }
    }

    public static final class AlphaImpostor extends Base {
        @Override
        public String id() {
            return "alpha";
        }
    }

    public static final class Beta extends Base {
        @Override
        public String id() {
            return "beta";
        }
    }

    public static final class ClaimsBeta extends Base {
        @Override
        public String id() {
            return "delta";
        }

        @Override
        public List<String> aliases() {
            return List.of("BETA");
        }
    }

    public static final class Gamma extends Base {
        @Override
        public String id() {
            return "gamma";
        }
    }

    public static final class Named extends Base {
        private final String id;

        Named(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** Fails in its constructor, as a provider with a missing dependency would. */
    public static final class Broken extends Base {
        public Broken() {
            throw new IllegalStateException("cannot start");
        }

        @Override
        public String id() {
            return "broken";
        }
    }

    /** Claims to compile, but its plans have no compile step: the bug the sandbox must catch. */
    public static final class ClaimsToCompile extends Base {
        @Override
        public String id() {
            return "claims";
        }

        @Override
        public boolean compiled() {
            return true;
        }
    }

    /** Compiles, consistently. */
    public static final class Compiles extends Base {
        @Override
        public String id() {
            return "compiles";
        }

        @Override
        public ExecutionPlan plan(PlanRequest request) {
            return ExecutionPlan.compiled("main.c", List.of("cc", "main.c"), List.of("./a.out"));
        }

        @Override
        public boolean compiled() {
            return true;
        }
    }
}
