package io.msklambda.tests.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.cli.MskLocal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code msk-local invoke}: the functions from their built jars, as {@code sam local invoke} runs them. */
class InvokeCommandTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String TEMPLATE = ROOT.resolve("template.yaml").toString();
    private static final String REPORT = "REPORT RequestId: [0-9a-f-]{36}\tDuration: [\\d.]+ ms\tBilled Duration: \\d+ ms\t"
            + "Memory Size: 512 MB\tMax Memory Used: \\d+ MB\tInit Duration: [\\d.]+ ms";

    /** Exit code, standard output, standard error. */
    private record Run(int exit, String out, String err) {
    }

    private static Run invoke(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MskLocal.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theProducerRunsOnAnEmbeddedBrokerAndPrintsItsResultAndAReportLine() {
        Run run = invoke("invoke", "ProducerFunction", "--event", ROOT.resolve("events/scheduled-event.json").toString(),
                "--template", TEMPLATE, "--parameter-overrides", "RunSeconds=1", "BatchSize=10");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("no BOOTSTRAP_SERVERS in --env-vars or the shell: started an embedded Kafka broker")
                .contains("(IAM, AUTH_MODE=iam)").contains("the function signs in as arn:aws:sts::123456789012:"
                        + "assumed-role/ProducerRole/ProducerFunction with made-up credentials").containsPattern(REPORT)
                .doesNotContain("refused");
        assertThat(run.out()).containsPattern("\\{\"payload\":\"telemetry\",\"topic\":\"telemetry\",\"shard\":\"0/1\","
                + "\"attempted\":(\\d+),\"sent\":\\1,\"failed\":0,");
    }

    @Test
    void theProducerIsAuthorizedByItsRolesPoliciesAndARefusalIsExplained(@TempDir Path dir) throws IOException {
        // the template without WriteData on the topic, its jars where the project builds them
        String template = Files.readString(Path.of(TEMPLATE))
                .replace("Action: [kafka-cluster:DescribeTopic, kafka-cluster:WriteData]",
                        "Action: [kafka-cluster:DescribeTopic]")
                .replace("CodeUri: producer-function/", "CodeUri: " + ROOT.resolve("producer-function") + "/");
        Path copy = Files.writeString(dir.resolve("template.yaml"), template);

        Run run = invoke("invoke", "ProducerFunction", "--event", ROOT.resolve("events/scheduled-event.json").toString(),
                "--template", copy.toString(), "--parameter-overrides", "RunSeconds=1", "BatchSize=10");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).containsPattern("invoke: the cluster's IAM access control refused: User: "
                + "arn:aws:sts::123456789012:assumed-role/ProducerRole/ProducerFunction is not authorized to perform: "
                + "kafka-cluster:WriteData on resource: arn:aws:kafka:us-east-1:123456789012:topic/msk-local/[\\w-]+/"
                + "telemetry because no statement allows it");
    }

    @Test
    void theConsumerRunsOnDynamoDbLocalAndTakesItsVariablesFromEnvVars(@TempDir Path dir) throws IOException {
        Path envVars = Files.writeString(dir.resolve("env.json"),
                "{\"Parameters\": {\"WINDOW_SECONDS\": \"60\"}, \"ConsumerFunction\": {\"WINDOW_SECONDS\": \"3600\"}}");

        Run run = invoke("invoke", "ConsumerFunction", "-e", ROOT.resolve("events/msk-telemetry.json").toString(),
                "-t", TEMPLATE, "--env-vars", envVars.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("started DynamoDB Local").containsPattern(REPORT);
        // four devices, one hour-long window each: the function's own section of the file won
        assertThat(run.out()).contains("{\"records\":12,\"aggregated\":12,\"rejected\":0,\"duplicates\":0,"
                + "\"itemsTouched\":4,\"itemsWritten\":4,\"conflicts\":0,\"dynamodbRequests\":4}");
    }

    @Test
    void anEventTheHandlerCannotReadFailsWithLambdasErrorJson(@TempDir Path dir) throws IOException {
        Path event = Files.writeString(dir.resolve("event.json"), "not json");

        Run run = invoke("invoke", "ConsumerFunction", "-e", event.toString(), "-t", TEMPLATE);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).startsWith("{\"errorMessage\":\"the event " + event + " is not a KafkaEvent: ");
    }

    @Test
    void anUnknownFunctionIsNamedWithTheFunctionsThereAre() {
        Run run = invoke("invoke", "Producer", "-e", ROOT.resolve("events/scheduled-event.json").toString(), "-t", TEMPLATE);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no function Producer in " + TEMPLATE + "; its functions: ProducerFunction, ConsumerFunction");
    }

    @Test
    void aMissingJarIsNamedWithHowToBuildIt(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), Files.readString(Path.of(TEMPLATE))
                .replace("CodeUri: consumer-function/target/consumer-function.jar", "CodeUri: missing/consumer.jar"));

        Run run = invoke("invoke", "ConsumerFunction", "-e", ROOT.resolve("events/msk-telemetry.json").toString(),
                "-t", template.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("ConsumerFunction's CodeUri " + dir.resolve("missing/consumer.jar")
                + " does not exist: build it with ./mvnw package -DskipTests");
    }
}
