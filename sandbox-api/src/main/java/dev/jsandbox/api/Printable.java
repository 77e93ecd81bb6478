package dev.jsandbox.api;

/** Short, escaped excerpts of untrusted text for messages: never more than asked, never a control character. */
final class Printable {

    private Printable() {
    }

    /** At most {@code max} code points of {@code text}, control characters escaped, "..." when cut. */
    static String excerpt(String text, int max) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(max).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > max ? out + "..." : out.toString();
    }
}
