package io.msklambda.tests.sam;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.sam.SamTemplate;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each function's Makefile target, run the way {@code sam build} runs it with {@code BuildMethod: makefile}: in a
 * scratch copy of the function's {@code CodeUri} directory (without {@code .aws-sam} and {@code .git}), as
 * {@code make --makefile <CodeUri>/Makefile build-<LogicalId>} with {@code ARTIFACTS_DIR} in the environment
 * (aws-lambda-builders' CustomMakeWorkflow and CustomMakeAction;
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/building-custom-runtimes.html).
 * The artifact directory must then load the handler as Lambda's Java runtime would, from {@code /var/task} and
 * {@code /var/task/lib/*.jar}, and serve as the {@code CodeUri} of the template {@code sam build} writes.
 */
class SamBuildMakefileIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final SamTemplate TEMPLATE = SamTemplate.read(ROOT.resolve("template.yaml"));

    @ParameterizedTest
    @ValueSource(strings = {"ProducerFunction", "ConsumerFunction"})
    void theFunctionsMakefileTargetLeavesAnArtifactDirectoryFromWhichLambdaLoadsTheHandler(
            String logicalId, @TempDir Path dir) throws Exception {
        SamTemplate.Function function = TEMPLATE.function(logicalId, Map.of());
        Path codeUri = function.code().codeUri();
        Path scratch = copyAsSamBuildDoes(codeUri, dir.resolve("scratch"));
        Path artifacts = dir.resolve("artifacts");
        Files.createDirectories(artifacts);

        String output = make(scratch, codeUri.resolve("Makefile"), "build-" + logicalId, artifacts);

        String module = codeUri.getFileName().toString();
        // the producer's example record specs ride along, where PAYLOAD_SPEC=specs/<name>.json finds them
        Path specs = codeUri.resolve("specs");
        List<String> expected = new ArrayList<>(List.of("lib/" + module + ".jar"));
        if (Files.isDirectory(specs)) {
            files(specs).forEach(spec -> expected.add("specs/" + spec));
        }
        assertThat(files(artifacts)).as(output).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(logicalId.equals("ProducerFunction")).isEqualTo(Files.isDirectory(specs));
        assertThat(artifacts.resolve("lib").resolve(module + ".jar"))
                .hasSameBinaryContentAs(codeUri.resolve("target").resolve(module + ".jar"));
        try (URLClassLoader lambdaClassPath = lambdaClassPath(artifacts)) {
            Class<?> handler = Class.forName(function.handlerClass(), false, lambdaClassPath);
            assertThat(handler.getClassLoader()).isSameAs(lambdaClassPath);
            assertThat(Arrays.stream(handler.getMethods()).map(Method::getName)).contains(handlerMethod(function));
        }
        // .aws-sam/build/template.yaml names the artifact directory as CodeUri; msk-local runs the jar in its lib/
        assertThat(artifactTemplate(dir, logicalId, codeUri, artifacts)
                        .function(logicalId, Map.of())
                        .code()
                        .jar())
                .isEqualTo(artifacts.resolve("lib").resolve(module + ".jar"));
    }

    /** CopySourceAction: the CodeUri directory's files, but for {@code .aws-sam} and {@code .git}. */
    private static Path copyAsSamBuildDoes(Path source, Path scratch) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(f -> !excluded(source.relativize(f))).toList()) {
                Path target = scratch.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return scratch;
    }

    private static boolean excluded(Path relative) {
        return relative.getNameCount() > 0
                && List.of(".aws-sam", ".git").contains(relative.getName(0).toString());
    }

    /** CustomMakeAction: {@code make --makefile <Makefile> build-<LogicalId>} in the scratch directory. */
    private static String make(Path workingDirectory, Path makefile, String target, Path artifacts) throws Exception {
        Path log = Files.createTempFile(workingDirectory.getParent(), "make", ".log");
        ProcessBuilder builder = new ProcessBuilder("make", "--makefile", makefile.toString(), target)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("ARTIFACTS_DIR", artifacts.toString());
        // The reactor built the jars before this module: should make find one stale, its Maven stays offline
        builder.environment().put("MAVEN_FLAGS", "-B -q -o");
        Process process = builder.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        process.destroyForcibly();
        assertThat(finished).as("make %s ended in time:%n%s", target, output).isTrue();
        assertThat(process.exitValue()).as("make %s:%n%s", target, output).isZero();
        return output;
    }

    /** Lambda's Java class path: the task root, then every jar in its lib/; nothing of this test's class path. */
    private static URLClassLoader lambdaClassPath(Path taskRoot) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(taskRoot.toUri().toURL());
        try (Stream<Path> lib = Files.list(taskRoot.resolve("lib"))) {
            for (Path jar :
                    lib.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static String handlerMethod(SamTemplate.Function function) {
        String handler = function.handler();
        return handler.substring(handler.indexOf("::") + 2);
    }

    /** The template as sam build writes it: the function's CodeUri is its artifact directory. */
    private static SamTemplate artifactTemplate(Path dir, String logicalId, Path codeUri, Path artifacts)
            throws IOException {
        String source = Files.readString(ROOT.resolve("template.yaml"));
        String line = "CodeUri: " + ROOT.relativize(codeUri) + "\n";
        assertThat(source).as(logicalId + "'s CodeUri").contains(line);
        Path template = Files.writeString(
                dir.resolve("template.yaml"), source.replace(line, "CodeUri: " + dir.relativize(artifacts) + "\n"));
        return SamTemplate.read(template);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> dir.relativize(f).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyCodeUriIsAModuleWithAMakefileWhoseBuiltJarHasItsHandlerInside() throws IOException {
        for (String id : TEMPLATE.functionIds()) {
            SamTemplate.Function function = TEMPLATE.function(id, Map.of());
            Path module = function.code().codeUri();
            assertThat(module.resolve("Makefile"))
                    .as(id + "'s Makefile, which sam build runs")
                    .isRegularFile();
            assertThat(function.code().jar())
                    .as(id + "'s jar (run ./mvnw package first)")
                    .isEqualTo(module.resolve("target").resolve(module.getFileName() + ".jar"))
                    .isRegularFile();
            try (JarFile jar = new JarFile(function.code().jar().toFile())) {
                assertThat(jar.getEntry(function.handlerClass().replace('.', '/') + ".class"))
                        .as(id)
                        .isNotNull();
            }
        }
    }
}
