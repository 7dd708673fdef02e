package io.msklambda.tests.bench;

import static io.msklambda.tests.support.UpProcess.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.pipeline.ExitCode;
import io.msklambda.tests.support.UpProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * msk-local.jar without the benchmarks: {@code bench} there is one line with the command that builds and runs the
 * benchmarks module's jar, and exit 2, not picocli's "Unmatched argument"; and the jar carries none of Kafka's tools,
 * which only the benchmarks need.
 */
class BenchPointerIT {

    @Test
    void benchFromMskLocalJarPrintsTheCommandThatRunsItFromTheBenchmarksJarAndExitsTwo(@TempDir Path dir)
            throws IOException, InterruptedException {
        // Given msk-local.jar, and the benchmarks module's jar the line names
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");

        // When a user runs bench from msk-local.jar, at the repository's root
        Process process = new ProcessBuilder(
                        UpProcess.java(), "-jar", UpProcess.JAR.toString(), "bench", "producer", "--seconds", "3")
                .directory(ROOT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // Then one line says where the benchmarks are and how to run the same command there, nothing starts, exit 2
        assertThat(process.exitValue()).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readString(out)).isEmpty();
        assertThat(Files.readAllLines(err))
                .containsExactly("msk-local bench: the benchmarks are in the benchmarks "
                        + "module's jar, not in msk-local.jar; from the repository's root: ./mvnw -q package -DskipTests "
                        + "-pl benchmarks -am && java -jar benchmarks/target/msk-bench.jar bench producer --seconds 3");
        assertThat(ROOT.resolve("benchmarks/target/msk-bench.jar")).isRegularFile();
    }

    @Test
    void mskLocalJarCarriesNoneOfKafkasToolsOnlyTheToolsApiTheBrokerNeeds() throws IOException {
        try (JarFile jar = new JarFile(UpProcess.JAR.toFile())) {
            List<String> tools = jar.stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.startsWith("org/apache/kafka/tools/") && name.endsWith(".class"))
                    .toList();

            // kafka-tools-api comes with the broker (kafka_2.13); kafka-tools (ProducerPerformance, the console tools)
            // is the benchmarks module's alone
            assertThat(tools)
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(name).startsWith("org/apache/kafka/tools/api/"));
        }
    }
}
