package io.msklambda.tests.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of the functions, the local runtime and the end-to-end benchmarks says in its {@code package-info.java}
 * what it holds and which packages it must not import ({@code Must not import: {@code a.b}, …}, or {@code (none)}); its
 * sources keep to it. The benchmarks module's JMH classes share the functions' packages (to reach what they measure)
 * and are not held to their rules; its own packages, {@code io.msklambda.bench} and below, are.
 */
class PackageRulesTest {

    private static final List<Path> MODULES = Stream.concat(
                    Stream.of("shared-model", "producer-function", "consumer-function", "local-runtime")
                            .map(module -> Path.of("..", module, "src", "main", "java")),
                    Stream.of(Path.of("..", "benchmarks", "src", "main", "java", "io", "msklambda", "bench")))
            .toList();
    private static final Pattern RULE = Pattern.compile("Must not import:(.*?)(\\*/|<p>)", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("\\{@code ([\\w.]+)}");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\s*;", Pattern.MULTILINE);

    /** The directories holding Java sources, each one package. */
    private static List<Path> packages() throws IOException {
        List<Path> packages = new ArrayList<>();
        for (Path root : MODULES) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(file -> file.toString().endsWith(".java"))
                        .map(Path::getParent)
                        .distinct()
                        .forEach(packages::add);
            }
        }
        return packages;
    }

    /** The packages a package-info forbids, or null when it states no rule. */
    private static List<String> forbidden(Path packageInfo) throws IOException {
        Matcher rule = RULE.matcher(Files.readString(packageInfo));
        if (!rule.find()) {
            return null;
        }
        List<String> packages = new ArrayList<>();
        Matcher code = CODE.matcher(rule.group(1));
        while (code.find()) {
            packages.add(code.group(1));
        }
        return packages;
    }

    @Test
    void everyPackageSaysWhatItHoldsAndWhatItMustNotImport() throws IOException {
        List<String> without = new ArrayList<>();
        for (Path directory : packages()) {
            Path info = directory.resolve("package-info.java");
            if (!Files.isRegularFile(info) || forbidden(info) == null) {
                without.add(directory.toString());
            }
        }

        assertThat(without).isEmpty();
    }

    @Test
    void noSourceImportsWhatItsPackageForbids() throws IOException {
        Map<String, List<String>> violations = new TreeMap<>();
        for (Path directory : packages()) {
            Path info = directory.resolve("package-info.java");
            List<String> forbidden = Files.isRegularFile(info) ? forbidden(info) : null;
            if (forbidden == null) {
                continue;
            }
            try (Stream<Path> sources = Files.list(directory)) {
                for (Path source : sources.filter(file -> file.toString().endsWith(".java"))
                        .toList()) {
                    Matcher imported = IMPORT.matcher(Files.readString(source));
                    while (imported.find()) {
                        String name = imported.group(1);
                        forbidden.stream()
                                .filter(prefix -> name.equals(prefix) || name.startsWith(prefix + "."))
                                .forEach(prefix -> violations
                                        .computeIfAbsent(source.getFileName().toString(), file -> new ArrayList<>())
                                        .add(name + " (" + prefix + ")"));
                    }
                }
            }
        }

        assertThat(violations).isEmpty();
    }
}
