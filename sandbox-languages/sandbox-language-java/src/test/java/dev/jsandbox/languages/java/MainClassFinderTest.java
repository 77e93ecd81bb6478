package dev.jsandbox.languages.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainClassFinderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            the usual Main                | public class Main { public static void main(String[] a) {} }              | Main     | Main
            any public class name         | public class Solution { public static void main(String[] a) {} }          | Solution | Solution
            no main anywhere              | public class Util { static int twice(int x) { return 2 * x; } }            | Util     | Util
            main in a non-public class    | class Runner { public static void main(String[] a) {} }                    | Runner   | Runner
            public class wins the file    | class Runner { public static void main(String[] a) {} } public class Lib {} | Lib     | Runner
            public main class preferred   | class A { public static void main(String[] a) {} } public class B { public static void main(String[] a) {} } | B | B
            instance main does not count  | public class A { void main(String[] a) {} } class B { static void main(String[] a) {} } | A | B
            nested main does not count    | public class Outer { static class Inner { public static void main(String[] a) {} } } | Outer | Outer
            modifiers in any order        | final public class App { static public void main(String... a) {} }        | App      | App
            annotations and generics      | @SuppressWarnings("x") public class G<T extends Comparable<T>> { @Deprecated public static <U> void main(String[] a) {} } | G | G
            records enums and interfaces  | public record R(int x) { public static void main(String[] a) {} }         | R        | R
            an interface main             | public interface I { static void main(String[] a) {} }                    | I        | I
            an enum main after constants  | public enum E { ONE, TWO; public static void main(String[] a) {} }        | E        | E
            a package                     | package a.b; public class App { public static void main(String[] a) {} } | App      | a.b.App
            nothing recognisable          | this is not java                                                           | Main     | Main
            """)
    void findsTheFileAndTheMainClass(String description, String code, String fileStem, String mainClass) {
        assertEquals(new MainClassFinder.Found(fileStem, mainClass), MainClassFinder.find(code));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a line comment                | // public class Fake { public static void main(String[] a) {} }\\npublic class Real { public static void main(String[] a) {} }
            a block comment               | /* public class Fake {} */ public class Real { public static void main(String[] a) {} }
            a string                      | public class Real { static String s = "public class Fake { static void main("; public static void main(String[] a) {} }
            a string with escaped quotes  | public class Real { static String s = "\\" } class Fake { static void main("; public static void main(String[] a) {} }
            a character literal           | public class Real { static char c = '{'; static char q = '\\''; public static void main(String[] a) {} }
            a text block                  | public class Real { static String s = \"\"\"\\n } public class Fake { static void main( \"\"\"; public static void main(String[] a) {} }
            """)
    void ignoresWhatIsNotCode(String description, String code) {
        assertEquals(new MainClassFinder.Found("Real", "Real"), MainClassFinder.find(code.replace("\\n", "\n")));
    }
}
