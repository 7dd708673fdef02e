package io.msklambda.tests.build;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of a Java source as a reader feels it: its lines of code (blank lines and comments left out) and the length
 * of each method's body. A brace counter over the source with its comments and literals blanked, not a parser: a
 * {@code {} opens a method when the text before it (since the last {@code ;}, {@code {} or {@code }}) is a call-like
 * header ending in {@code )} or a throws clause that is not a statement, a lambda, an anonymous class or a type's
 * declaration; or a record's compact constructor ({@code public Name {}).
 */
final class SourceShape {

    /** A method or constructor: its name, the line of its opening brace, the lines of code in its body. */
    record Method(String name, int line, int bodyLines, String above) {}

    private static final Set<String> KEYWORDS = Set.of(
            "if", "for", "while", "switch", "catch", "synchronized", "try", "do", "else", "return", "new", "throw");
    private static final Pattern HEADER_END = Pattern.compile("\\)\\s*(throws\\s+[\\w.,\\s<>]+)?$");
    private static final Pattern NAME = Pattern.compile("([A-Za-z_$][\\w$]*)\\s*\\($");
    private static final Pattern TYPE = Pattern.compile("\\b(record|class|interface|enum)\\s");
    private static final Pattern COMPACT_CONSTRUCTOR =
            Pattern.compile("^(@\\w+\\s+)*((public|protected|private)\\s+)?([A-Z]\\w*[a-z]\\w*)$");

    private final String[] original;
    private final String[] code;
    private final String blanked;

    SourceShape(String source) {
        this.original = source.split("\n", -1);
        this.blanked = blank(source);
        this.code = blanked.split("\n", -1);
    }

    /** Lines holding code: not blank once comments and literals are blanked. */
    int codeLines() {
        int lines = 0;
        for (String line : code) {
            if (!line.isBlank()) {
                lines++;
            }
        }
        return lines;
    }

    /** Every method and constructor, with the three source lines above its opening brace's line and that line. */
    List<Method> methods() {
        Deque<String> names = new ArrayDeque<>();
        Deque<Integer> starts = new ArrayDeque<>();
        List<Method> found = new ArrayList<>();
        int headerStart = 0;
        int line = 1;
        for (int i = 0; i < blanked.length(); i++) {
            char c = blanked.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '{') {
                names.push(methodName(blanked.substring(headerStart, i).trim().replaceAll("\\s+", " ")));
                starts.push(line);
                headerStart = i + 1;
            } else if (c == '}') {
                String name = names.isEmpty() ? "" : names.pop();
                int start = starts.isEmpty() ? line : starts.pop();
                if (!name.isEmpty()) {
                    found.add(new Method(name, start, codeLinesBetween(start, line), above(start)));
                }
                headerStart = i + 1;
            } else if (c == ';') {
                headerStart = i + 1;
            }
        }
        return found;
    }

    /** The method a header declares, or "" when the brace opens anything else. */
    private static String methodName(String header) {
        Matcher compact = COMPACT_CONSTRUCTOR.matcher(header);
        if (compact.matches()) {
            return compact.group(4);
        }
        if (!HEADER_END.matcher(header).find() || header.contains("->") || header.split("\\(", 2)[0].contains("=")) {
            return "";
        }
        String head = header.contains("(") ? header.substring(0, header.indexOf('(') + 1) : header;
        String first = head.split(" ", 2)[0];
        Matcher name = NAME.matcher(head);
        if (!name.find() || TYPE.matcher(head).find() || KEYWORDS.contains(first) || KEYWORDS.contains(name.group(1))) {
            return "";
        }
        return name.group(1);
    }

    /** Non-blank code lines strictly between two lines (1-based). */
    private int codeLinesBetween(int open, int close) {
        int lines = 0;
        for (int i = open; i < close - 1; i++) {
            if (!code[i].isBlank()) {
                lines++;
            }
        }
        return lines;
    }

    private String above(int line) {
        return String.join("\n", List.of(original).subList(Math.max(0, line - 4), line));
    }

    /** The source with comments and literals replaced by spaces, newlines kept, so that line numbers stay right. */
    static String blank(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            int end;
            if (source.startsWith("//", i)) {
                end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                end = i + 1;
                while (end < n && source.charAt(end) != source.charAt(i)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else {
                out.append(source.charAt(i++));
                continue;
            }
            for (int j = i; j < end; j++) {
                out.append(source.charAt(j) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }
}
