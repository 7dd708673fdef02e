package io.msklambda.tests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.pipeline.ExitCode;
import io.msklambda.local.pipeline.FaultPlan;
import io.msklambda.local.pipeline.Mapping;
import io.msklambda.local.pipeline.Pipeline;
import io.msklambda.local.pipeline.PipelineOptions;
import io.msklambda.local.pipeline.Workload;
import io.msklambda.local.stack.Services;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.model.ItemsFormat;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.PayloadKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped part way, as a user stops it: it prints what had been done and what had not, deletes its
 * temporary data and exits 130.
 */
class InterruptIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern DATA_DIRECTORY = Pattern.compile("data in (\\S+) \\(deleted at the end");
    private static final Pattern RECORDS_FLOWING = Pattern.compile("acknowledged +[1-9][\\d,]* \\(");
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Test
    void anInterruptedRunReportsWhatWasUnfinishedAndDeletesItsData() throws Exception {
        // Given a run of a minute on three brokers with its records flowing
        PipelineOptions options = new PipelineOptions(
                new Workload(
                        PayloadKind.TELEMETRY,
                        2,
                        Duration.ofSeconds(1),
                        1,
                        60,
                        50,
                        Duration.ofMillis(200),
                        4,
                        ItemsFormat.ARRAY,
                        7L),
                new Services("interrupted", 3, 3, null, AuthMode.NONE, null, "aggregates", "rejects"),
                new Mapping(5, 40, Duration.ofMillis(200), StartingPosition.TRIM_HORIZON, "group", -1),
                FaultPlan.NONE,
                Duration.ofMinutes(1),
                false);
        StringWriter out = new StringWriter();
        Pipeline pipeline = new Pipeline(options);
        CompletableFuture<Pipeline.Outcome> running =
                CompletableFuture.supplyAsync(() -> pipeline.run(new PrintWriter(out, true)));
        awaitOutput(out::toString, RECORDS_FLOWING);

        // When it is interrupted
        pipeline.interrupt();
        Pipeline.Outcome outcome = running.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        // Then it says what was done and what was not, exits 130 and leaves no data behind
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(outcome.interrupted()).isTrue();
        assertThat(out.toString())
                .contains("interrupted: stopping the producers and the trigger")
                .containsPattern(
                        "producers: 0 invocations \\(1 x 2 per tick\\), 0 failed; [1-9][\\d,]* records acknowledged")
                .contains("unfinished: 2 producer invocations had not returned")
                .containsPattern("consumer: \\d+ invocations by \\d+ pollers \\([^)]+\\), [\\d,]+ records delivered")
                .contains("reconciliation: not done - interrupted after");
        assertThat(dataDirectory(out.toString())).doesNotExist();
    }

    @Test
    void ctrlCStopsTheCommandWhichCleansUpAndExits130(@TempDir Path dir) throws Exception {
        // Given the command running as a process of its own, its records flowing
        Path output = dir.resolve("out.txt");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        ROOT.resolve("local-runtime/target/msk-local.jar").toString(),
                        "pipeline",
                        "--auth",
                        "none",
                        "--run-seconds",
                        "60",
                        "-n",
                        "2",
                        "--devices",
                        "4",
                        "--producer-batch-interval",
                        "200ms")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            awaitOutput(() -> read(output), RECORDS_FLOWING);

            // When the user presses Ctrl-C (SIGINT)
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();

            // Then the command reports, deletes its temporary data and exits 130
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            String printed = read(output);
            assertThat(process.exitValue()).as(printed).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(printed)
                    .contains(
                            "SIGINT: stopping",
                            "interrupted: stopping the producers and the trigger",
                            "reconciliation: not done - interrupted after");
            assertThat(dataDirectory(printed)).doesNotExist();
        } finally {
            process.destroyForcibly();
        }
    }

    private static Path dataDirectory(String output) {
        Matcher matcher = DATA_DIRECTORY.matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return Path.of(matcher.group(1));
    }

    private static void awaitOutput(Supplier<String> output, Pattern expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!expected.matcher(output.get()).find()) {
            assertThat(System.nanoTime())
                    .as("waiting for %s in:%n%s", expected, output.get())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
