package io.msklambda.tests.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.tests.support.Cli;
import io.msklambda.tests.support.Cli.Run;
import io.msklambda.tests.support.FunctionJar;
import io.msklambda.tests.support.UpProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code msk-local invoke}: the functions from their built jars, as {@code sam local invoke} runs them. */
class InvokeCommandIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String TEMPLATE = ROOT.resolve("template.yaml").toString();
    private static final String REPORT =
            "REPORT RequestId: [0-9a-f-]{36}\tDuration: [\\d.]+ ms\tBilled Duration: \\d+ ms\t"
                    + "Memory Size: 512 MB\tMax Memory Used: \\d+ MB\tInit Duration: [\\d.]+ ms";

    private static Run invoke(String... args) {
        return Cli.run(args);
    }

    /** The producer invoked with the scheduled event for a second of small batches, and {@code overrides}. */
    private static Run invokeProducer(String... overrides) {
        List<String> args = new ArrayList<>(List.of(
                "invoke",
                "ProducerFunction",
                "--event",
                ROOT.resolve("events/scheduled-event.json").toString(),
                "--template",
                TEMPLATE,
                "--parameter-overrides",
                "RunSeconds=1",
                "BatchSize=10"));
        args.addAll(List.of(overrides));
        return invoke(args.toArray(String[]::new));
    }

    @Test
    void theProducerRunsOnAnEmbeddedBrokerAndPrintsItsResultAndAReportLine() {
        Run run = invokeProducer();

        assertThat(run.exit()).isZero();
        assertThat(run.err())
                .contains("no BOOTSTRAP_SERVERS in --env-vars or the shell: started an embedded Kafka broker")
                .contains("(IAM, AUTH_MODE=iam)")
                .contains("the function signs in as arn:aws:sts::123456789012:"
                        + "assumed-role/ProducerRole/ProducerFunction with made-up credentials")
                .containsPattern(REPORT)
                .doesNotContain("refused");
        assertThat(run.out())
                .containsPattern("\\{\"payload\":\"telemetry\",\"topic\":\"telemetry\",\"shard\":\"0/1\","
                        + "\"attempted\":(\\d+),\"sent\":\\1,\"failed\":0,");
    }

    @Test
    void aRelativePayloadSpecIsReadFromTheTaskRootAsLambdaReadsItFromVarTask() {
        // specs/clickstream.json is in producer-function/, the CodeUri, as sam build puts it in /var/task
        Run run = invokeProducer("Payload=custom", "PayloadSpec=specs/clickstream.json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("started an embedded Kafka broker").doesNotContain("refuses");
        assertThat(run.out())
                .containsPattern("\\{\"payload\":\"custom\",\"topic\":\"telemetry\",\"shard\":\"0/1\","
                        + "\"attempted\":(\\d+),\"sent\":\\1,\"failed\":0,");
    }

    @Test
    void theProducerIsAuthorizedByItsRolesPoliciesAndARefusalIsExplained(@TempDir Path dir) throws IOException {
        // the template without WriteData on the topic, its jars where the project builds them
        String template = Files.readString(Path.of(TEMPLATE))
                .replace(
                        "Action: [kafka-cluster:DescribeTopic, kafka-cluster:WriteData]",
                        "Action: [kafka-cluster:DescribeTopic]")
                .replace("CodeUri: producer-function\n", "CodeUri: " + ROOT.resolve("producer-function") + "\n");
        Path copy = Files.writeString(dir.resolve("template.yaml"), template);

        Run run = invoke(
                "invoke",
                "ProducerFunction",
                "--event",
                ROOT.resolve("events/scheduled-event.json").toString(),
                "--template",
                copy.toString(),
                "--parameter-overrides",
                "RunSeconds=1",
                "BatchSize=10");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err())
                .containsPattern("invoke: the cluster's IAM access control refused: User: "
                        + "arn:aws:sts::123456789012:assumed-role/ProducerRole/ProducerFunction is not authorized to perform: "
                        + "kafka-cluster:WriteData on resource: arn:aws:kafka:us-east-1:123456789012:topic/msk-local/[\\w-]+/"
                        + "telemetry because no statement allows it");
    }

    @Test
    void theConsumerRunsOnDynamoDbLocalAndTakesItsVariablesFromEnvVars(@TempDir Path dir) throws IOException {
        Path envVars = Files.writeString(
                dir.resolve("env.json"),
                "{\"Parameters\": {\"WINDOW_SECONDS\": \"60\"}, \"ConsumerFunction\": {\"WINDOW_SECONDS\": \"3600\"}}");

        Run run = Cli.invokeConsumer(envVars);

        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("started DynamoDB Local").containsPattern(REPORT);
        // four devices, one hour-long window each: the function's own section of the file won
        assertThat(run.out())
                .contains("{\"records\":12,\"aggregated\":12,\"rejected\":0,\"duplicates\":0,"
                        + "\"itemsTouched\":4,\"itemsWritten\":4,\"conflicts\":0,\"dynamodbRequests\":4}");
    }

    /**
     * The shell's identity must not ride along with the keys invoke makes up for a local service: the SDK reads
     * AWS_SESSION_TOKEN and AWS_ACCOUNT_ID with the keys, and would sign with the made-up secret and the shell's
     * token. AWS_PROFILE stays, as the keys come first in the SDK's chain. {@code invoke} runs as a process of its
     * own here, with that shell environment, and the function is one that returns what it was given.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ConsumerFunction | events/msk-telemetry.json   | consumer-function | io.msklambda.consumer.ConsumerHandler | local
            ProducerFunction | events/scheduled-event.json | producer-function | io.msklambda.producer.ProducerHandler | AKIALOCAL[A-Z2-7]{11}
            """)
    void madeUpLocalCredentialsReachTheFunctionWithoutTheShellsSessionToken(
            String function, String event, String module, String handler, String madeUpKeyId, @TempDir Path dir)
            throws Exception {
        Path builtJar = ROOT.resolve(module).resolve("target").resolve(module + ".jar");
        Path jar = FunctionJar.withHandler(dir, builtJar, CredentialVariablesFunction.class);
        Path template = Files.writeString(
                dir.resolve("template.yaml"),
                Files.readString(Path.of(TEMPLATE))
                        .replace("CodeUri: " + module + "\n", "CodeUri: " + jar + "\n")
                        .replace(
                                "Handler: " + handler + "::",
                                "Handler: " + CredentialVariablesFunction.class.getName() + "::"));

        String printed = invokeFromAShell(
                dir,
                Map.of(
                        "AWS_ACCESS_KEY_ID",
                        "shell-access-key-id",
                        "AWS_SECRET_ACCESS_KEY",
                        "shell-secret",
                        "AWS_SESSION_TOKEN",
                        "shell-session-token-not-for-the-function",
                        "AWS_ACCOUNT_ID",
                        "111122223333",
                        "AWS_PROFILE",
                        "shell-profile"),
                "invoke",
                function,
                "-e",
                ROOT.resolve(event).toString(),
                "-t",
                template.toString());

        String result = printed.lines()
                .filter(line -> line.startsWith("{\"AWS_"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result line in:\n" + printed));
        Map<String, String> seen = new ObjectMapper().readValue(result, new TypeReference<Map<String, String>>() {});
        assertThat(seen.get("AWS_ACCESS_KEY_ID")).as(printed).matches(madeUpKeyId);
        assertThat(seen)
                .as(printed)
                .containsEntry("AWS_SESSION_TOKEN", CredentialVariablesFunction.UNSET)
                .containsEntry("AWS_ACCOUNT_ID", CredentialVariablesFunction.UNSET)
                .containsEntry("AWS_PROFILE", "shell-profile")
                .hasSize(CredentialVariablesFunction.VARIABLES.length);
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
        Run run = invoke(
                "invoke",
                "Producer",
                "-e",
                ROOT.resolve("events/scheduled-event.json").toString(),
                "-t",
                TEMPLATE);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "no function Producer in " + TEMPLATE + "; its functions: ProducerFunction, ConsumerFunction");
    }

    /**
     * Runs msk-local's jar as a process whose environment is a shell's with {@code shell} set and none of the
     * variables invoke would otherwise take its services from; returns what it printed (standard output and error).
     */
    private static String invokeFromAShell(Path dir, Map<String, String> shell, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(UpProcess.java(), "-jar", UpProcess.JAR.toString()));
        command.addAll(List.of(args));
        Path printed = dir.resolve("invoke.txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(printed.toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("AWS_")
                        || name.equals("BOOTSTRAP_SERVERS")
                        || name.equals("DYNAMODB_ENDPOINT"));
        builder.environment().putAll(shell);
        Process process = builder.start();
        boolean finished = process.waitFor(UpProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        String output = Files.readString(printed, StandardCharsets.UTF_8);
        process.destroyForcibly();
        assertThat(finished).as("invoke ended in time:%n%s", output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void aMissingJarIsNamedWithHowToBuildIt(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(
                dir.resolve("template.yaml"),
                Files.readString(Path.of(TEMPLATE))
                        .replace("CodeUri: consumer-function\n", "CodeUri: missing/consumer.jar\n"));

        Run run = invoke(
                "invoke",
                "ConsumerFunction",
                "-e",
                ROOT.resolve("events/msk-telemetry.json").toString(),
                "-t",
                template.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("ConsumerFunction's CodeUri " + dir.resolve("missing/consumer.jar")
                        + " does not exist: build it with ./mvnw package -DskipTests");
    }

    @Test
    void aModuleWhoseJarIsNotBuiltIsNamedWithItsJarAndHowToBuildIt(@TempDir Path dir) throws IOException {
        // a CodeUri directory that sam build builds with the Makefile, and whose Maven jar is not there yet
        Files.createDirectories(dir.resolve("consumer-function"));
        Path template = Files.writeString(dir.resolve("template.yaml"), Files.readString(Path.of(TEMPLATE)));

        Run run = invoke(
                "invoke",
                "ConsumerFunction",
                "-e",
                ROOT.resolve("events/msk-telemetry.json").toString(),
                "-t",
                template.toString());

        Path module = dir.resolve("consumer-function");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("ConsumerFunction's jar " + module.resolve("target/consumer-function.jar")
                        + " (its CodeUri " + module + " is a Maven module) does not exist: build it with"
                        + " ./mvnw package -DskipTests or sam build");
    }
}
