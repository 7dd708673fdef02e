package io.msklambda.tests.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every main class small enough to read: at most {@value #MAX_CODE_LINES} lines of code (blank lines and comments
 * aside) in a file, and no method body over {@value #MAX_METHOD_LINES} lines of code unless a comment at its head says
 * why it {@value #REASON} (the "no method over about 40 without a reason in a comment").
 */
class CodeShapeTest {

    private static final int MAX_CODE_LINES = 300;
    private static final int MAX_METHOD_LINES = 40;
    private static final String REASON = "reads best whole";
    private static final List<String> MODULES =
            List.of("shared-model", "producer-function", "consumer-function", "local-runtime", "benchmarks");

    private static List<Path> mainSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
                files.filter(file -> file.toString().endsWith(".java")).sorted().forEach(sources::add);
            }
        }
        return sources;
    }

    @Test
    void noMainSourceHasMoreThan300LinesOfCode() throws IOException {
        List<String> large = new ArrayList<>();
        for (Path source : mainSources()) {
            int lines = new SourceShape(Files.readString(source)).codeLines();
            if (lines > MAX_CODE_LINES) {
                large.add(source + ": " + lines + " lines of code");
            }
        }

        assertThat(large).isEmpty();
    }

    @Test
    void noMethodIsLongerThan40LinesWithoutAReason() throws IOException {
        List<Path> sources = mainSources();
        List<SourceShape> shapes = new ArrayList<>();
        for (Path source : sources) {
            shapes.add(new SourceShape(Files.readString(source)));
        }
        List<List<SourceShape.Method>> methods = SourceShape.methodsOf(shapes);
        List<String> longMethods = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            for (SourceShape.Method method : methods.get(i)) {
                if (method.bodyLines() > MAX_METHOD_LINES && !method.above().contains(REASON)) {
                    longMethods.add(
                            sources.get(i) + ":" + method.line() + " " + method.name() + ": " + method.bodyLines());
                }
            }
        }
        assertThat(methods.stream().mapToInt(List::size).sum()).isGreaterThan(1_000); // the parser saw them all

        assertThat(longMethods).isEmpty();
    }

    /** The counter itself, on a source made for it: the rules above hold only if it finds what they count. */
    @Test
    void theCounterFindsEveryKindOfBodyAndCountsItsLinesOfCode() {
        String body = "        int x = 1;\n".repeat(41);
        String source = "package p;\n\n"
                + "/** A class. */\n"
                + "public final class Sample {\n"
                + "    private final Runnable lambda = () -> {\n" + body + "    };\n"
                + "    record Point(int x, int y) {\n"
                + "        public Point {\n" + body + "        }\n"
                + "    }\n\n"
                + "    // long, but it " + REASON + ": a table\n"
                + "    static void kept() {\n" + body + "    }\n\n"
                + "    String tooLong(String a) throws java.io.IOException {\n"
                + "        if (a.isEmpty()) {\n"
                + "            return \"{ not a brace }\"; // nor this {\n"
                + "        }\n"
                + "        /* { */\n"
                + body + "        return a;\n"
                + "    }\n"
                + "    @X(a = {\"x\"}, b = \"y\")\n"
                + "    synchronized void locked() {\n" + body + "    }\n"
                + "    static {\n" + body + "    }\n"
                + "    String text() {\n"
                + "        return \"\"\"\n" + "            line\n".repeat(41) + "            \"\"\";\n"
                + "    }\n"
                + "}\n";

        SourceShape shape = new SourceShape(source);

        // the lambda's body is its method's, not a method; a text block's lines are code
        assertThat(shape.methods())
                .extracting(SourceShape.Method::name, SourceShape.Method::bodyLines)
                .containsExactlyInAnyOrder(
                        tuple("initializer", 41),
                        tuple("Point", 41),
                        tuple("kept", 41),
                        tuple("tooLong", 45),
                        tuple("locked", 41),
                        tuple("text", 43));
        assertThat(shape.methods())
                .filteredOn(method -> method.above().contains(REASON))
                .extracting(SourceShape.Method::name)
                .containsExactly("kept");
        // 6 bodies of 41 lines, a text block of 41, and 26 lines of declarations, braces and statements; the javadoc,
        // the comments and the blank lines are not code
        assertThat(shape.codeLines()).isEqualTo(6 * 41 + 41 + 26);
    }
}
