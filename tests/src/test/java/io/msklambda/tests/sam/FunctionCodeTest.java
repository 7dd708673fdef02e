package io.msklambda.tests.sam;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.sam.FunctionCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar each kind of {@code CodeUri} stands for, and what msk-local says when it is not built. */
class FunctionCodeTest {

    @Test
    void aJarFileIsItself(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("fn.jar"));

        assertThat(FunctionCode.of(jar)).isEqualTo(new FunctionCode(jar, jar));
        assertThat(FunctionCode.of(jar).built()).isTrue();
    }

    @Test
    void aModuleDirectoryStandsForTheJarMavenBuildsInItsTarget(@TempDir Path dir) throws IOException {
        Path module = Files.createDirectories(dir.resolve("producer-function"));

        FunctionCode code = FunctionCode.of(module);

        assertThat(code).isEqualTo(new FunctionCode(module, module.resolve("target/producer-function.jar")));
        assertThat(code.built()).isFalse();
        assertThat(code.notBuilt("ProducerFunction"))
                .isEqualTo("ProducerFunction's jar "
                        + module.resolve("target/producer-function.jar") + " (its CodeUri " + module
                        + " is a Maven module) does not exist: build it with ./mvnw package -DskipTests or sam build");
    }

    @Test
    void aSamBuildArtifactDirectoryStandsForTheOneJarInItsLib(@TempDir Path dir) throws IOException {
        Path artifacts = Files.createDirectories(dir.resolve(".aws-sam/build/ProducerFunction/lib"))
                .getParent();
        Path jar = Files.createFile(artifacts.resolve("lib/producer-function.jar"));

        assertThat(FunctionCode.of(artifacts)).isEqualTo(new FunctionCode(artifacts, jar));
        assertThat(FunctionCode.of(artifacts).built()).isTrue();
    }

    @Test
    void anArtifactDirectoryWithoutExactlyOneJarIsToldToBeBuiltAgain(@TempDir Path dir) throws IOException {
        Path artifacts =
                Files.createDirectories(dir.resolve("ProducerFunction/lib")).getParent();
        Files.createFile(artifacts.resolve("lib/a.jar"));
        Files.createFile(artifacts.resolve("lib/b.jar"));

        FunctionCode code = FunctionCode.of(artifacts);

        assertThat(code.built()).isFalse();
        assertThat(code.notBuilt("ProducerFunction"))
                .isEqualTo(
                        "ProducerFunction's CodeUri " + artifacts
                                + " is a sam build artifact directory with 2 jars in lib/, not one: build it again with sam build");
    }
}
