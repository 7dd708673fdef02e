package io.msklambda.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.bench.cli.MskBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bench command's output and results file (never its speed: that is what the benchmarks are for), run in-process
 * as msk-bench.jar runs it; its child JVMs get this test's class path.
 */
@Tag("benchmark")
class BenchCommandIT {

    @Test
    void generatorPrintsItsTableAndAppendsOneResultLinePerPayload(@TempDir Path dir) throws IOException {
        Path results = dir.resolve("results.jsonl");
        StringWriter out = new StringWriter();

        int exit = MskBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .execute("bench", "generator", "--records", "20000", "--rounds", "1", "--results", results.toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .containsPattern("orders +[\\d,]+ +\\d+\\.\\d +\\d+\\.\\d")
                .containsPattern("telemetry +[\\d,]+ +\\d+\\.\\d +\\d+\\.\\d")
                .doesNotContain("target"); // the targets are BENCHMARKS.md's, not the tool's
        List<String> lines = Files.readAllLines(results);
        assertThat(lines)
                .hasSize(4)
                .allSatisfy(line -> assertThat(line)
                        .startsWith("{\"benchmark\":\"generator\"")
                        .contains("\"recordsPerSecond\":")
                        .endsWith("}"));
        assertThat(lines.get(0)).contains("\"payload\":\"orders\"");
        assertThat(lines.get(1)).contains("\"payload\":\"telemetry\"");
        assertThat(lines.get(2)).contains("\"payload\":\"spec:orders\"");
        assertThat(lines.get(3)).contains("\"payload\":\"spec:telemetry\"");
    }

    @Test
    void generatorAddsACustomSpecsRow(@TempDir Path dir) throws IOException {
        Path results = dir.resolve("results.jsonl");
        Path spec = Files.writeString(
                dir.resolve("meters.json"),
                "{\"name\": \"meters\", \"key\": {\"$text\": \"/meter\"}, \"fields\": {"
                        + "\"meter\": {\"$key\": {\"cardinality\": 50}},"
                        + "\"kw\": {\"$walk\": {\"per\": \"/meter\", \"min\": 0, \"max\": 9, \"step\": 0.5, \"decimals\": 2}}}}");
        StringWriter out = new StringWriter();

        int exit = MskBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .execute(
                        "bench",
                        "generator",
                        "--records",
                        "20000",
                        "--rounds",
                        "1",
                        "--results",
                        results.toString(),
                        "--payload-spec",
                        spec.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).containsPattern("custom:meters +[\\d,]+ +\\d+\\.\\d +\\d+\\.\\d");
        assertThat(Files.readAllLines(results)).last().asString().contains("\"payload\":\"custom:meters\"");
    }

    @Test
    void hotItemDrivesEachNumberOfPartitionsAtOnceWithoutAConflictAndAppendsOneResultEach(@TempDir Path dir)
            throws IOException {
        Path results = dir.resolve("results.jsonl");
        StringWriter out = new StringWriter();

        int exit = MskBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .execute(
                        "bench",
                        "hot-item",
                        "--partitions",
                        "1,3",
                        "--batches",
                        "3",
                        "--batch-size",
                        "20",
                        "--results",
                        results.toString());

        // each partition writes its own item of the window: nothing to conflict with, nothing failed
        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("hot item: N partitions in flight on one orders window, each its own environment, 3 batches "
                        + "of 20 orders per partition, into DynamoDB Local over HTTP")
                .containsPattern("(?m)^ +1 +3 +0\\.00 +0 +0 +[\\d,]+$")
                .containsPattern("(?m)^ +3 +9 +0\\.00 +0 +0 +[\\d,]+$");
        List<String> lines = Files.readAllLines(results);
        assertThat(lines)
                .hasSize(2)
                .allSatisfy(line -> assertThat(line)
                        .startsWith("{\"benchmark\":\"hot-item\"")
                        .contains("\"conflictsPerBatch\":0.0")
                        .contains("\"failedInvocations\":0.0")
                        .contains("\"recordsPerSecond\":"));
        assertThat(lines.get(0)).contains("\"partitions\":1.0");
        assertThat(lines.get(1)).contains("\"partitions\":3.0");
    }

    @ParameterizedTest(name = "bench {0}")
    @CsvSource(delimiter = '|', textBlock = """
            hot-item --partitions 1,0     | --partitions 0: must be 1 to 256
            producer --seconds 0          | --seconds 0: must be 1 to 900
            producer --rounds 0           | --rounds 0: must be 1 to 100
            generator --records -5        | --records -5: must be 1 to 100000000
            consumer --batch-size 20000   | --batch-size 20000: must be 1 to 10000
            connect --rounds 0            | --rounds 0: must be 1 to 1000
            coldstart --rounds 0          | --rounds 0: must be 1 to 100
            """)
    void aNumberOptionOutOfRangeIsOneLineAndExitTwoBeforeAnythingStarts(String arguments, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> command = new ArrayList<>(List.of("bench"));
        command.addAll(List.of(arguments.split(" ")));

        int exit = MskBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(command.toArray(String[]::new));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith(message);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void producerComparesWithProducerPerformanceForEachCompressionAndAppendsSixResults(@TempDir Path dir)
            throws IOException {
        Path results = dir.resolve("results.jsonl");
        StringWriter out = new StringWriter();

        int exit = MskBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .execute("bench", "producer", "--seconds", "1", "--rounds", "1", "--results", results.toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .containsPattern("producer: (broker on core \\d+, client on core 0 \\(taskset\\)|not pinned)")
                .containsPattern("producer \\(ours\\) +none +[\\d,]+ +\\d+\\.\\d +\\d+\\.\\d\\d")
                .containsPattern("ProducerPerformance +lz4 +[\\d,]+ +\\d+\\.\\d +\\d+\\.\\d\\d")
                .containsPattern("producer \\(ours\\), generator thread +none +[\\d,]+")
                .containsPattern("5 concurrent invocations +none +[\\d,]+")
                .containsPattern("ratio ours / ProducerPerformance \\(none\\): \\d+\\.\\d\\d; "
                        + "CPU per record \\d+\\.\\d\\dx theirs");
        assertThat(Files.readAllLines(results))
                .hasSize(6)
                .allSatisfy(line -> assertThat(line)
                        .startsWith("{\"benchmark\":\"producer\"")
                        .contains("\"recordsPerSecond\":")
                        .contains("\"cpuMicrosPerRecord\":"));
    }

    @Test
    void connectTimesTheFirstAcknowledgementOverEachAuthModeAndAppendsThreeResults(@TempDir Path dir)
            throws IOException {
        Path results = dir.resolve("results.jsonl");
        StringWriter out = new StringWriter();

        int exit = MskBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .execute("bench", "connect", "--rounds", "1", "--results", results.toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .containsPattern("none \\(PLAINTEXT\\) +\\d+\\.\\d +\\d+\\.\\d +1\\.00x")
                .containsPattern("tls \\(SSL\\) +\\d+\\.\\d +\\d+\\.\\d +\\d+\\.\\d\\dx")
                .containsPattern("iam \\(SASL_SSL, SigV4\\) +\\d+\\.\\d +\\d+\\.\\d +\\d+\\.\\d\\dx");
        assertThat(Files.readAllLines(results))
                .hasSize(3)
                .allSatisfy(line -> assertThat(line)
                        .startsWith("{\"benchmark\":\"connect\"")
                        .contains("\"medianMillis\":"));
    }

    @Test
    void coldStartComparesFreshJvmsWithAndWithoutAppCdsAndTheChartDrawsEveryResult(@TempDir Path dir)
            throws IOException {
        Path results = dir.resolve("results.jsonl");
        StringWriter out = new StringWriter();

        int exit = MskBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .execute(
                        "bench",
                        "coldstart",
                        "--rounds",
                        "1",
                        "--event",
                        Path.of("..", "events", "msk-telemetry.json").toString(),
                        "--results",
                        results.toString(),
                        "--producer-jar",
                        Path.of("..", "producer-function", "target", "producer-function.jar")
                                .toString(),
                        "--consumer-jar",
                        Path.of("..", "consumer-function", "target", "consumer-function.jar")
                                .toString());
        int chart = MskBench.commandLine()
                .setOut(new PrintWriter(out, true))
                .execute("bench", "chart", "--results", results.toString());

        assertThat(exit).isZero();
        assertThat(chart).isZero();
        assertThat(out.toString())
                .containsPattern("producer function: init to first ack +no +\\d+ +\\d+")
                .containsPattern("bare kafka-clients: one record acknowledged +yes +\\d+ +\\d+")
                .containsPattern("consumer function: first invocation +yes +\\d+ +\\d+")
                .containsPattern("ratio producer function / bare kafka-clients \\(both with AppCDS\\): \\d+\\.\\d\\d")
                .contains("chart of 6 figures: " + dir.resolve("chart.svg").toAbsolutePath());
        assertThat(Files.readAllLines(results))
                .hasSize(6)
                .allSatisfy(line -> assertThat(line)
                        .startsWith("{\"benchmark\":\"coldstart\"")
                        .contains("\"peakRssMegabytes\":"));
        assertThat(Files.readString(dir.resolve("chart.svg")))
                .startsWith("<svg")
                .contains("Cold start")
                .contains("producer, AppCDS")
                .endsWith("</svg>\n");
    }
}
