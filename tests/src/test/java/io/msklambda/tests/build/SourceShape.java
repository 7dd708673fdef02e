package io.msklambda.tests.build;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The size of a Java source as a reader feels it: its lines of code (blank lines and comment-only lines left out;
 * a line holding only a string or a text block's line counts) and the length of each method's, constructor's and
 * initializer's body in lines of code. The methods are found by the JDK's own parser (javac's tree API, parsing only),
 * so no form of declaration (annotations with arrays, generic or {@code synchronized} methods, compact constructors,
 * headers over several lines) slips past.
 */
final class SourceShape {

    /** A method, constructor or initializer: its name, the line of its body's brace, the lines of code in its body. */
    record Method(String name, int line, int bodyLines, String above) {}

    private final String source;
    private final String[] original;
    private final String[] code;

    SourceShape(String source) {
        this.source = source;
        this.original = source.split("\n", -1);
        this.code = blank(source).split("\n", -1);
    }

    /** Lines holding code: not blank once comments are blanked. */
    int codeLines() {
        int lines = 0;
        for (String line : code) {
            if (!line.isBlank()) {
                lines++;
            }
        }
        return lines;
    }

    /** Every method, constructor and initializer with a body, with the source lines above its body's brace. */
    List<Method> methods() {
        return methodsOf(List.of(this)).get(0);
    }

    /** The methods of each source, parsed together in one javac task (a task per file costs tens of milliseconds). */
    static List<List<Method>> methodsOf(List<SourceShape> shapes) {
        List<JavaFileObject> files = new ArrayList<>();
        Map<URI, Integer> index = new HashMap<>(); // javac hands each file back wrapped: known by its URI
        for (SourceShape shape : shapes) {
            JavaFileObject file = shape.asFile(files.size());
            index.put(file.toUri(), files.size());
            files.add(file);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavacTask task = (JavacTask) javac.getTask(null, null, diagnostic -> {}, List.of("-proc:none"), null, files);
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        List<List<Method>> methods = new ArrayList<>(Collections.nCopies(shapes.size(), List.of()));
        try {
            for (CompilationUnitTree unit : task.parse()) {
                int i = index.get(unit.getSourceFile().toUri());
                methods.set(i, shapes.get(i).methods(unit, positions));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return methods;
    }

    private JavaFileObject asFile(int number) {
        return new SimpleJavaFileObject(URI.create("string:///Source" + number + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
    }

    private List<Method> methods(CompilationUnitTree unit, SourcePositions positions) {
        List<Method> found = new ArrayList<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitClass(ClassTree type, Void unused) {
                for (Tree member : type.getMembers()) {
                    if (member instanceof BlockTree initializer) {
                        found.add(method("initializer", initializer, unit, positions));
                    }
                }
                return super.visitClass(type, unused);
            }

            @Override
            public Void visitMethod(MethodTree method, Void unused) {
                if (method.getBody() != null) {
                    String name = method.getName().contentEquals("<init>")
                            ? ((ClassTree) getCurrentPath().getParentPath().getLeaf())
                                    .getSimpleName()
                                    .toString()
                            : method.getName().toString();
                    found.add(method(name, method.getBody(), unit, positions));
                }
                return super.visitMethod(method, unused);
            }
        }.scan(unit, null);
        return found;
    }

    private Method method(String name, BlockTree body, CompilationUnitTree unit, SourcePositions positions) {
        int open = (int) unit.getLineMap().getLineNumber(positions.getStartPosition(unit, body));
        int close = (int) unit.getLineMap().getLineNumber(positions.getEndPosition(unit, body) - 1);
        return new Method(name, open, codeLinesBetween(open, close), above(open));
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

    /**
     * The source with comments replaced by spaces and literals by {@code x}, newlines kept: a brace or a comment marker
     * inside a literal is not code, a line holding only a literal is.
     */
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
            char fill = source.charAt(i) == '/' ? ' ' : 'x'; // a literal is code, a comment is not
            for (int j = i; j < end; j++) {
                out.append(source.charAt(j) == '\n' ? '\n' : fill);
            }
            i = end;
        }
        return out.toString();
    }
}
