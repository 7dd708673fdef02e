package io.msklambda.local.sam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jar a function's {@code CodeUri} stands for, which the local runtime runs. A {@code CodeUri} is one of:
 * <ul>
 *   <li>a file: that jar (a template that names a built jar, as tests' templates do);</li>
 *   <li>a directory with a {@code lib} folder: an artifact directory that {@code sam build} wrote
 *       ({@code .aws-sam/build/<LogicalId>}, the {@code CodeUri} of {@code .aws-sam/build/template.yaml}); the function's
 *       Makefile target puts its one jar in {@code lib/};</li>
 *   <li>any other directory: a Maven module that {@code sam build} builds with {@code BuildMethod: makefile}
 *       ({@code CodeUri: producer-function} in template.yaml); its jar is {@code <module>/target/<module>.jar}, the
 *       shade plugin's fixed {@code finalName}, which {@code ./mvnw package} writes.</li>
 * </ul>
 *
 * @param codeUri the {@code CodeUri}, resolved against the template's directory
 * @param jar the jar it stands for, which need not exist yet
 */
public record FunctionCode(Path codeUri, Path jar) {

    private static final String BUILD_WITH_MAVEN = "./mvnw package -DskipTests";

    /** What {@code codeUri} stands for, looking at the file system as it is now. */
    public static FunctionCode of(Path codeUri) {
        if (!Files.isDirectory(codeUri)) {
            return new FunctionCode(codeUri, codeUri);
        }
        Path lib = codeUri.resolve("lib");
        if (Files.isDirectory(lib)) {
            List<Path> jars = jars(lib);
            return new FunctionCode(codeUri, jars.size() == 1 ? jars.get(0) : lib);
        }
        String module = codeUri.getFileName().toString();
        return new FunctionCode(codeUri, codeUri.resolve("target").resolve(module + ".jar"));
    }

    /**
     * The function's task root, what Lambda mounts at {@code /var/task} and names in {@code LAMBDA_TASK_ROOT}
     * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime): the
     * artifact directory, or the module, from which {@code sam build} copies the same files (the producer's
     * {@code specs/}), or the folder of a jar named directly.
     */
    public Path taskRoot() {
        return Files.isDirectory(codeUri) ? codeUri : codeUri.toAbsolutePath().getParent();
    }

    /** Whether the jar is there to run. */
    public boolean built() {
        return Files.isRegularFile(jar);
    }

    /** Why the function cannot run yet, and how to build its jar. */
    public String notBuilt(String logicalId) {
        if (jar.equals(codeUri)) {
            return logicalId + "'s CodeUri " + codeUri + " does not exist: build it with " + BUILD_WITH_MAVEN;
        }
        if (jar.getParent().equals(codeUri.resolve("target"))) {
            return logicalId + "'s jar " + jar + " (its CodeUri " + codeUri
                    + " is a Maven module) does not exist: build it with " + BUILD_WITH_MAVEN + " or sam build";
        }
        return logicalId + "'s CodeUri " + codeUri + " is a sam build artifact directory with "
                + jars(jar).size() + " jars in lib/, not one: build it again with sam build";
    }

    private static List<Path> jars(Path lib) {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lib, e);
        }
    }
}
