package dev.jsandbox.api;

import java.util.regex.Pattern;

/**
 * A file of a program besides its main file: another module, a header, a stylesheet, a data file the program reads.
 * It is written into the program's working directory before anything runs.
 *
 * @param name a relative path of letters, digits, {@code .}, {@code _}, {@code -} and {@code /}, at most
 *     {@value #MAX_NAME_LENGTH} characters, e.g. {@code util.py} or {@code com/example/Util.java}; no empty,
 *     {@code .} or {@code ..} segment, no leading or trailing {@code /}
 * @param content the file's text, stored as UTF-8
 */
public record SourceFile(String name, String content) {

    /** The longest accepted name. */
    public static final int MAX_NAME_LENGTH = 255;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    /**
     * Validates the name.
     *
     * @throws InvalidRequestException if the name is not such a path
     */
    public SourceFile {
        if (name == null || content == null) {
            throw new InvalidRequestException("a file needs a name and a content");
        }
        if (!isValidName(name)) {
            throw new InvalidRequestException("file name '" + Printable.excerpt(name, 80) + "' is not a relative path of"
                    + " letters, digits, '.', '_', '-' and '/' (at most " + MAX_NAME_LENGTH + " characters, no '..')");
        }
    }

    /** A file with the given name and content. */
    public static SourceFile of(String name, String content) {
        return new SourceFile(name, content);
    }

    /** True when {@code name} is acceptable as a {@link #name()}. */
    public static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.startsWith("/") || name.endsWith("/")) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }
}
