package dev.jsandbox.languages.java;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds, in one Java compilation unit, the file name javac requires and the class {@code java} must start.
 *
 * <p>javac insists that a public top-level type lives in a file of its name, and the program starts at the
 * top-level type that declares {@code static void main(}. The finder reads the code as tokens, with comments,
 * string, character and text-block literals blanked out, so a {@code class} or {@code main} inside them does not
 * count. It is a heuristic, not a parser: for code it cannot make sense of it answers {@code Main}, and javac then
 * reports the real problem.
 */
final class MainClassFinder {

    /** The fallback class name, the convention of most online judges. */
    static final String DEFAULT_CLASS = "Main";

    private static final List<String> TYPE_KEYWORDS = List.of("class", "interface", "enum", "record");

    private final List<String> tokens;
    private int position;

    private MainClassFinder(String code) {
        this.tokens = Tokens.of(code);
    }

    /**
     * The source file's name and the main class of the code.
     *
     * @param fileStem the name (without {@code .java}) the source file must have: the public top-level type, else
     *     the type with {@code main}, else {@code Main}
     * @param mainClass the fully qualified name of the class to run: the public top-level type declaring
     *     {@code main}, else the first top-level type declaring it, else {@code fileStem} (in the code's package)
     */
    record Found(String fileStem, String mainClass) {
    }

    static Found find(String code) {
        return new MainClassFinder(code).find();
    }

    private Found find() {
        String packageName = null;
        String publicType = null;
        String publicMainType = null;
        String firstMainType = null;
        int depth = 0;
        boolean publicSeen = false;
        String currentType = null;
        for (position = 0; position < tokens.size(); position++) {
            String token = tokens.get(position);
            switch (token) {
                case "{" -> depth++;
                case "}" -> {
                    depth = Math.max(0, depth - 1);
                    publicSeen = false;
                }
                case ";" -> publicSeen = false;
                default -> {
                }
            }
            if (depth == 0) {
                if (token.equals("package") && packageName == null) {
                    packageName = qualifiedNameAfter();
                } else if (token.equals("public")) {
                    publicSeen = true;
                } else if (TYPE_KEYWORDS.contains(token) && isIdentifier(peek(1))) {
                    currentType = peek(1);
                    if (publicSeen && publicType == null) {
                        publicType = currentType;
                    }
                    publicSeen = false;
                }
            } else if (depth == 1 && currentType != null && declaresMainHere()) {
                if (currentType.equals(publicType) && publicMainType == null) {
                    publicMainType = currentType;
                }
                if (firstMainType == null) {
                    firstMainType = currentType;
                }
            }
        }
        String stem = publicType != null ? publicType : firstMainType != null ? firstMainType : DEFAULT_CLASS;
        String main = publicMainType != null ? publicMainType : firstMainType != null ? firstMainType : stem;
        return new Found(stem, packageName == null ? main : packageName + "." + main);
    }

    /** True at {@code void main (} preceded, within the same member's modifiers, by {@code static}. */
    private boolean declaresMainHere() {
        if (!tokens.get(position).equals("void") || !"main".equals(peek(1)) || !"(".equals(peek(2))) {
            return false;
        }
        for (int i = position - 1; i >= 0; i--) {
            String token = tokens.get(i);
            if (token.equals("static")) {
                return true;
            }
            if (token.equals(";") || token.equals("{") || token.equals("}")) {
                return false;
            }
        }
        return false;
    }

    private @Nullable String qualifiedNameAfter() {
        StringBuilder name = new StringBuilder();
        for (int i = position + 1; i < tokens.size() && !tokens.get(i).equals(";"); i++) {
            name.append(tokens.get(i));
        }
        String result = name.toString();
        return result.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*") ? result : null;
    }

    private @Nullable String peek(int offset) {
        int index = position + offset;
        return index < tokens.size() ? tokens.get(index) : null;
    }

    private static boolean isIdentifier(@Nullable String token) {
        return token != null && Character.isJavaIdentifierStart(token.codePointAt(0));
    }

    /** Splits Java code into identifiers, numbers and single punctuation characters, skipping what is not code. */
    static final class Tokens {
        private final String code;
        private final List<String> tokens = new ArrayList<>();
        private int i;

        private Tokens(String code) {
            this.code = code;
        }

        static List<String> of(String code) {
            Tokens scanner = new Tokens(code);
            scanner.scan();
            return scanner.tokens;
        }

        private void scan() {
            while (i < code.length()) {
                char c = code.charAt(i);
                if (code.startsWith("//", i)) {
                    skipPast("\n");
                } else if (code.startsWith("/*", i)) {
                    i += 2;
                    skipPast("*/");
                } else if (code.startsWith("\"\"\"", i)) {
                    i += 3;
                    skipQuoted("\"\"\"");
                } else if (c == '"' || c == '\'') {
                    i++;
                    skipQuoted(String.valueOf(c));
                } else if (Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c)) {
                    int start = i;
                    while (i < code.length() && Character.isJavaIdentifierPart(code.charAt(i))) {
                        i++;
                    }
                    tokens.add(code.substring(start, i));
                } else {
                    if (!Character.isWhitespace(c)) {
                        tokens.add(String.valueOf(c));
                    }
                    i++;
                }
            }
        }

        private void skipPast(String end) {
            int found = code.indexOf(end, i);
            i = found < 0 ? code.length() : found + end.length();
        }

        /** Skips a literal's body up to its (unescaped) closing quote; a literal a line break ends is ended there. */
        private void skipQuoted(String quote) {
            boolean textBlock = quote.length() == 3;
            while (i < code.length()) {
                char c = code.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (code.startsWith(quote, i)) {
                    i += quote.length();
                    return;
                } else if (c == '\n' && !textBlock) {
                    return;
                } else {
                    i++;
                }
            }
        }
    }
}
