package io.msklambda.tests.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.tests.support.Cli;
import io.msklambda.tests.support.Cli.Run;
import io.msklambda.tests.support.FunctionJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code msk-local invoke} when something is wrong, as a user meets it: a variable the function refuses, an endpoint
 * that does not answer, an event too large or of another trigger, a function that times out or answers too much.
 * Each is told the way {@code sam local invoke} tells it: Lambda's error JSON on standard output and the platform's
 * lines on standard error, or one line of invoke's own before anything starts.
 */
class InvokeFailuresIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String TEMPLATE = ROOT.resolve("template.yaml").toString();
    private static final String SCHEDULED =
            ROOT.resolve("events/scheduled-event.json").toString();
    private static final String MSK = ROOT.resolve("events/msk-telemetry.json").toString();
    private static final Path FIXTURES = Path.of("src/test/resources/invoke").toAbsolutePath();
    private static final String REQUEST_ID = "[0-9a-f-]{36}";
    private static final String INIT_REPORT = "INIT_REPORT Init Duration: [\\d.]+ ms\tPhase: init\tStatus: error\t"
            + "Error Type: io\\.msklambda\\.model\\.InvalidConfigException";
    private static final String REPORT = "REPORT RequestId: " + REQUEST_ID + "\tDuration: [\\d.]+ ms\tBilled Duration: "
            + "\\d+ ms\tMemory Size: 512 MB\tMax Memory Used: \\d+ MB\tInit Duration: [\\d.]+ ms";

    private static Run invoke(String... args) {
        return Cli.run(args);
    }

    /** The response invoke printed: Lambda's error JSON, for these failures. */
    private static JsonNode response(Run run) throws IOException {
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void aVariableTheProducerRefusesFailsItsInitAsInLambdaWithoutStartingABroker() throws IOException {
        Run run = invoke(
                "invoke",
                "ProducerFunction",
                "-e",
                SCHEDULED,
                "-t",
                TEMPLATE,
                "--env-vars",
                FIXTURES.resolve("env-batch-size-zero.json").toString());

        assertThat(run.exit()).isEqualTo(1);
        JsonNode error = response(run);
        assertThat(error.get("errorMessage").asText())
                .isEqualTo("Error loading class io.msklambda.producer.ProducerHandler: "
                        + "BATCH_SIZE='0' is not allowed: a whole number from 1 to 100000");
        assertThat(error.get("errorType").asText()).isEqualTo("io.msklambda.model.InvalidConfigException");
        assertThat(error.get("stackTrace").get(0).asText()).startsWith("io.msklambda.model.");
        assertThat(run.errLines())
                .first()
                .isEqualTo("invoke: ProducerFunction's init refuses BATCH_SIZE: no service started for it");
        assertThat(run.err())
                .containsPattern(INIT_REPORT)
                .containsPattern("START RequestId: " + REQUEST_ID + " Version: \\$LATEST")
                .containsPattern("END RequestId: " + REQUEST_ID)
                .containsPattern(
                        REPORT + "\tStatus: error\tError Type: io\\.msklambda\\.model\\.InvalidConfigException")
                .doesNotContain("started an embedded");
    }

    @Test
    void aBlankTableNameFailsTheConsumersInitWithoutStartingDynamoDbLocal() throws IOException {
        Run run = invoke(
                "invoke",
                "ConsumerFunction",
                "-e",
                MSK,
                "-t",
                TEMPLATE,
                "--env-vars",
                FIXTURES.resolve("env-blank-aggregates-table.json").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(response(run).get("errorMessage").asText())
                .isEqualTo("Error loading class "
                        + "io.msklambda.consumer.ConsumerHandler: AGGREGATES_TABLE is required: a DynamoDB table name: 3 to 255 "
                        + "letters, digits, '_', '-' or '.'");
        assertThat(run.errLines())
                .first()
                .isEqualTo("invoke: ConsumerFunction's init refuses AGGREGATES_TABLE: no service started for it");
        assertThat(run.err()).containsPattern(INIT_REPORT).doesNotContain("started DynamoDB Local");
    }

    @Test
    void aBrokerNameThatDoesNotResolveIsToldInOneLineNamingTheVariable() {
        Run run = invoke(
                "invoke",
                "ProducerFunction",
                "-e",
                SCHEDULED,
                "-t",
                TEMPLATE,
                "--env-vars",
                FIXTURES.resolve("env-unresolvable-broker.json").toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err())
                .isEqualTo("invoke: BOOTSTRAP_SERVERS=nohost.invalid:1: no host name resolves "
                        + "(nohost.invalid: no such host)" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDynamoDbEndpointThatRefusesConnectionsIsToldInOneLineNamingTheVariableAndTheWait(@TempDir Path dir)
            throws IOException {
        int closed = Cli.closedPort();
        Path envVars = Files.writeString(
                dir.resolve("env.json"),
                "{\"ConsumerFunction\": {\"DYNAMODB_ENDPOINT\": \"http://127.0.0.1:" + closed + "\"}}");

        Run run = invoke("invoke", "ConsumerFunction", "-e", MSK, "-t", TEMPLATE, "--env-vars", envVars.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err())
                .isEqualTo("invoke: DYNAMODB_ENDPOINT=http://127.0.0.1:" + closed + ": DynamoDB did not "
                        + "accept a connection within 5 s (127.0.0.1:" + closed + ": Connection refused)"
                        + System.lineSeparator());
    }

    @Test
    void anEventOverSixMegabytesIsRefusedAsTheInvokeApiRefusesIt(@TempDir Path dir) throws IOException {
        // a scheduled event whose detail carries 6 MB: one byte over the synchronous request's limit
        String head = "{\"source\": \"aws.events\", \"detail-type\": \"Scheduled Event\", \"detail\": {\"padding\": \"";
        String tail = "\"}}";
        int limit = 6 * 1024 * 1024;
        Path event = Files.writeString(
                dir.resolve("large.json"), head + "x".repeat(limit + 1 - head.length() - tail.length()) + tail);

        Run run = invoke("invoke", "ProducerFunction", "-e", event.toString(), "-t", TEMPLATE);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(
                        "--event " + event + ": Lambda refuses it (RequestEntityTooLarge"
                                + "Exception: 6291457 byte payload is too large for the RequestResponse invocation type (limit 6291456 "
                                + "bytes))",
                        "Try 'msk-local invoke --help' for more information.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aScheduledEventGivenToTheConsumerIsWarnedAbout() {
        Run run = invoke("invoke", "ConsumerFunction", "-e", SCHEDULED, "-t", TEMPLATE);

        assertThat(run.exit()).isZero();
        assertThat(run.errLines())
                .first()
                .isEqualTo("invoke: warning: " + SCHEDULED + " is an EventBridge event "
                        + "(source, detail-type), but ConsumerFunction is triggered by MSK (MskTrigger) in the template: the "
                        + "handler gets an event its trigger never sends");
    }

    @Test
    void aFunctionPastItsTimeoutEndsWithLambdasTimeoutErrorAndStatus(@TempDir Path dir) throws IOException {
        Path template = withConsumerHandler(dir, SleepingFunction.class, "Timeout: 1");

        Run run = invoke("invoke", "ConsumerFunction", "-e", MSK, "-t", template.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(response(run).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(response(run).get("errorMessage").asText())
                .matches("RequestId: " + REQUEST_ID + " Error: Task timed out after 1\\.00 seconds");
        assertThat(run.err()).containsPattern("REPORT RequestId: " + REQUEST_ID + "\t.*\tStatus: timeout");
    }

    @Test
    void aResponseOverSixMegabytesIsReplacedByLambdasSizeError(@TempDir Path dir) throws IOException {
        Path template = withConsumerHandler(dir, LargeResponseFunction.class, "Timeout: 60");

        Run run = invoke("invoke", "ConsumerFunction", "-e", MSK, "-t", template.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().strip())
                .isEqualTo("{\"errorMessage\":\"Response payload size ("
                        + (LargeResponseFunction.LENGTH + 2)
                        + " bytes) exceeded maximum allowed payload size (6291556 bytes).\","
                        + "\"errorType\":\"Function.ResponseSizeTooLarge\"}");
        assertThat(run.err()).containsPattern(REPORT + "\tStatus: error\tError Type: Function\\.ResponseSizeTooLarge");
    }

    /** A template copy whose ConsumerFunction runs {@code handler} from a copy of its jar, with {@code timeout}. */
    private static Path withConsumerHandler(Path dir, Class<?> handler, String timeout) throws IOException {
        Path jar =
                FunctionJar.withHandler(dir, ROOT.resolve("consumer-function/target/consumer-function.jar"), handler);
        return Files.writeString(
                dir.resolve("template.yaml"),
                Files.readString(Path.of(TEMPLATE))
                        .replace("CodeUri: consumer-function\n", "CodeUri: " + jar + "\n")
                        .replace(
                                "Handler: io.msklambda.consumer.ConsumerHandler::",
                                "Handler: " + handler.getName() + "::")
                        .replace("Timeout: 60", timeout));
    }

    @Test
    void aFunctionPastItsMemorySizeIsKilledAsLambdaKillsItsSandbox(@TempDir Path dir) throws IOException {
        Path template = withConsumerHandler(dir, MemoryHungryFunction.class, "Timeout: 60");
        Path small = Files.writeString(
                dir.resolve("small.yaml"), Files.readString(template).replace("MemorySize: 512", "MemorySize: 128"));

        Run killed = invoke("invoke", "ConsumerFunction", "-e", MSK, "-t", small.toString());
        Run held = invoke("invoke", "ConsumerFunction", "-e", MSK, "-t", template.toString());

        assertThat(killed.exit()).isEqualTo(1);
        assertThat(response(killed).get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(response(killed).get("errorMessage").asText())
                .matches("RequestId: " + REQUEST_ID + " Error: Runtime exited with error: signal: killed");
        assertThat(killed.err())
                .containsPattern("RequestId: " + REQUEST_ID
                        + " Error: Runtime exited with error: signal: killed\nRuntime.ExitError\nEND RequestId: ")
                .containsPattern(
                        "REPORT RequestId: " + REQUEST_ID + "\tDuration: [\\d.]+ ms\tBilled Duration: \\d+ ms\t"
                                + "Memory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory")
                .contains("invoke: ConsumerFunction used more than its MemorySize of 128 MB");
        assertThat(held.exit()).isZero();
        assertThat(held.out().strip()).isEqualTo(Integer.toString(MemoryHungryFunction.MEGABYTES));
        assertThat(held.err()).doesNotContain("signal: killed");
    }
}
