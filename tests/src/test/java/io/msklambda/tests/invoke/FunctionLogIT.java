package io.msklambda.tests.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.tests.support.Cli;
import io.msklambda.tests.support.Cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The functions' log in their built jars, run by {@code invoke} as Lambda runs them: one JSON object a line in Lambda's
 * JSON log format, the invocation's request id on every line, the report's counts as fields of their own, and one
 * SLF4J provider (SLF4J says so on standard error when there is none, or more than one).
 */
class FunctionLogIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String TEMPLATE = ROOT.resolve("template.yaml").toString();
    private static final Pattern REQUEST_ID = Pattern.compile("REPORT RequestId: ([0-9a-f-]{36})");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A line of Log4j's own status logger, as it reports a configuration it could not build (an element without its
     * plugin, a bad attribute), which it then works around quietly.
     */
    private static final Pattern LOG4J_STATUS = Pattern.compile("(?m)^\\S+Z main (WARN|ERROR) ");

    /** The invocation's request id, from its REPORT line. */
    private static String requestId(Run run) {
        Matcher m = REQUEST_ID.matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        return m.group(1);
    }

    /**
     * The lines of the function's log: JSON objects with a level (not the metrics line), on standard error with the
     * platform's lines, as sam local invoke prints a function's log; standard output is the response alone.
     */
    private static List<Map<String, Object>> logLines(Run run) {
        return run.err()
                .lines()
                .filter(line -> line.startsWith("{") && line.contains("\"level\":"))
                .map(FunctionLogIT::parse)
                .toList();
    }

    private static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line, new TypeReference<Map<String, Object>>() {});
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON object: " + line, e);
        }
    }

    /**
     * The invocation succeeded with one SLF4J provider (SLF4J says so on standard error when there is none or more
     * than one), and its log lines, each of Lambda's JSON format with the request id.
     */
    private static List<Map<String, Object>> everyLineWithTheRequestId(Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("SLF4J").doesNotContainPattern(LOG4J_STATUS);
        List<Map<String, Object>> lines = logLines(run);
        assertThat(lines)
                .as(run.err())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line)
                        .containsKeys("timestamp", "level", "message", "logger")
                        .containsEntry("AWSRequestId", requestId(run)));
        return lines;
    }

    private static Run invoke(String... args) {
        return Cli.run(args);
    }

    @Test
    void theConsumerLogsItsReportAsFieldsOfAJsonLineWithTheRequestId() {
        Run run = invoke(
                "invoke",
                "ConsumerFunction",
                "-e",
                ROOT.resolve("events/msk-telemetry.json").toString(),
                "-t",
                TEMPLATE);

        List<Map<String, Object>> lines = everyLineWithTheRequestId(run);
        assertThat(lines)
                .filteredOn(line -> "consumed".equals(line.get("message")))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .containsEntry("level", "INFO")
                        .containsEntry("logger", "io.msklambda.consumer.ConsumerHandler")
                        .containsEntry("records", "12")
                        .containsEntry("aggregated", "12")
                        .containsEntry("rejected", "0")
                        .containsEntry("duplicates", "0")
                        .containsEntry("itemsTouched", "8")
                        .containsEntry("itemsWritten", "8")
                        .containsEntry("conflicts", "0")
                        .containsEntry("dynamodbRequests", "8"));
    }

    @Test
    void theProducerLogsItsReportAsFieldsOfAJsonLineWithTheRequestId() {
        Run run = invoke(
                "invoke",
                "ProducerFunction",
                "--event",
                ROOT.resolve("events/scheduled-event.json").toString(),
                "--template",
                TEMPLATE,
                "--parameter-overrides",
                "RunSeconds=1",
                "BatchSize=10");

        List<Map<String, Object>> lines = everyLineWithTheRequestId(run);
        assertThat(lines)
                .filteredOn(line -> "published".equals(line.get("message")))
                .singleElement()
                .satisfies(line -> {
                    assertThat(line)
                            .containsEntry("level", "INFO")
                            .containsEntry("logger", "io.msklambda.producer.ProducerHandler")
                            .containsEntry("payload", "telemetry")
                            .containsEntry("topic", "telemetry")
                            .containsEntry("shard", "0/1")
                            .containsEntry("failed", "0")
                            .containsKeys("bytesSent", "elapsedMillis", "recordsPerSecond");
                    assertThat(line.get("sent"))
                            .isEqualTo(line.get("attempted"))
                            .isNotEqualTo("0");
                });
    }

    /** The consumer with its template's event and these variables in {@code --env-vars}, as Lambda's LoggingConfig sets them. */
    private static Run consumeWithLogging(Path dir, String variables) throws IOException {
        return Cli.invokeConsumer(
                Files.writeString(dir.resolve("env.json"), "{\"ConsumerFunction\": {" + variables + "}}"));
    }

    @Test
    void logFormatTextWritesPlainLinesWithTheRequestIdAndNoJson(@TempDir Path dir) throws IOException {
        Run run = consumeWithLogging(dir, "\"AWS_LAMBDA_LOG_FORMAT\": \"TEXT\"");

        assertThat(run.exit()).as(run.err()).isZero();
        String id = requestId(run);
        assertThat(run.err())
                .containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z " + id
                        + " INFO  io\\.msklambda\\.consumer\\.ConsumerHandler - consumed \\{AWSRequestId=" + id
                        + ", aggregated=12, .*records=12, rejected=0}$");
        assertThat(logLines(run)).isEmpty();
        assertThat(run.err()).doesNotContainPattern(LOG4J_STATUS);
    }

    @Test
    void logLevelWarnLeavesOutTheInfoReport(@TempDir Path dir) throws IOException {
        Run run = consumeWithLogging(dir, "\"AWS_LAMBDA_LOG_LEVEL\": \"WARN\"");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err())
                .containsPattern(REQUEST_ID)
                .doesNotContain("consumed")
                .doesNotContain("SLF4J")
                .doesNotContainPattern(LOG4J_STATUS);
        assertThat(run.out()).contains("\"records\":12,\"aggregated\":12");
    }
}
