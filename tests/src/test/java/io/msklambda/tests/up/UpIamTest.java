package io.msklambda.tests.up;

import static io.msklambda.tests.support.UpProcess.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.pipeline.ExitCode;
import io.msklambda.tests.support.UpProcess;
import io.msklambda.tests.support.UpProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code msk-local up --auth iam}: Kafka's console tools sign in with exactly what it prints, through the listener for
 * this machine and the one for containers (TLS with the printed certificate, then AWS_MSK_IAM), and the secret
 * stays in its file.
 */
class UpIamTest {

    /** The printed console-producer line: variables, then the tool's arguments. */
    private static final Pattern PRODUCER_LINE =
            Pattern.compile("^ {4}((?:\\S+=\\S+ )+)kafka-console-producer\\.sh (.+)$", Pattern.MULTILINE);

    private static final Pattern CONTAINER_KAFKA =
            Pattern.compile("Kafka, containers: +(host\\.docker\\.internal:\\d+)");
    private static final Pattern CREDENTIALS = Pattern.compile("profile msk-local in (\\S+), for region us-east-1");

    @TempDir
    Path dir;

    @Test
    void consoleToolsSignInWithWhatItPrintsThroughBothListenersAndTheSecretIsNeverPrinted() throws Exception {
        try (UpProcess up = UpProcess.start(
                dir,
                "--auth",
                "iam",
                "--kafka-port",
                "0",
                "--docker-port",
                "0",
                "--dynamodb-port",
                "0",
                "--template",
                ROOT.resolve("template.yaml").toString())) {
            // Given the console-producer line up printed
            Matcher line = up.find(PRODUCER_LINE);
            List<String> environment = Arrays.asList(line.group(1).trim().split(" "));
            List<String> arguments = Arrays.asList(line.group(2).split(" "));
            String hostBootstrap = arguments.get(arguments.indexOf("--bootstrap-server") + 1);
            String containerBootstrap = up.find(CONTAINER_KAFKA).group(1);
            Path credentials = Path.of(up.find(CREDENTIALS).group(1));

            // When it is run as printed, then through the containers' listener as a container would
            Run here = tool(environment, "org.apache.kafka.tools.ConsoleProducer", arguments, "from-this-machine\n");
            Run container = tool(
                    environment,
                    "org.apache.kafka.tools.ConsoleProducer",
                    replace(arguments, hostBootstrap, containerBootstrap),
                    "from-a-container\n");
            // and as each role of the template, whose policies the cluster authorizes by
            Run asTheProducer = tool(
                    replace(environment, "AWS_PROFILE=msk-local", "AWS_PROFILE=msk-local-producer"),
                    "org.apache.kafka.tools.ConsoleProducer",
                    arguments,
                    "as-the-producer-role\n");
            Run asTheConsumer = tool(
                    replace(environment, "AWS_PROFILE=msk-local", "AWS_PROFILE=msk-local-consumer"),
                    "org.apache.kafka.tools.ConsoleProducer",
                    arguments,
                    "as-the-consumer-role\n");
            Run consumed = tool(
                    environment, "org.apache.kafka.tools.consumer.ConsoleConsumer", consumerArguments(arguments), "");

            // Then the records of the user and of the producer's role are on the topic, the consumer's role was
            // refused what its policies do not allow, and up printed where the secret is, never the secret
            assertThat(here.exit()).as(here.output()).isZero();
            assertThat(container.exit()).as(container.output()).isZero();
            assertThat(asTheProducer.exit()).as(asTheProducer.output()).isZero();
            // (the console producer is idempotent: its first refusal is WriteDataIdempotently, on the cluster)
            assertThat(asTheConsumer.output()).contains("ClusterAuthorizationException");
            assertThat(consumed.output())
                    .contains("from-this-machine", "from-a-container", "as-the-producer-role")
                    .doesNotContain("as-the-consumer-role");
            assertThat(up.output())
                    .contains("User: arn:aws:sts::123456789012:assumed-role/ConsumerRole/"
                            + "ConsumerFunction is not authorized to perform: kafka-cluster:WriteDataIdempotently on resource: "
                            + "arn:aws:kafka:us-east-1:123456789012:cluster/msk-local/");
            String secret = Files.readAllLines(credentials).stream()
                    .filter(l -> l.startsWith("aws_secret_access_key"))
                    .findFirst()
                    .orElseThrow()
                    .split(" = ")[1];
            assertThat(up.output()).doesNotContain(secret);

            // and SIGTERM deletes the files
            assertThat(up.stop("TERM")).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(credentials.getParent()).doesNotExist();
        }
    }

    private Run tool(List<String> environment, String mainClass, List<String> arguments, String input)
            throws Exception {
        // Kafka's tools (and aws-msk-iam-auth for AWS_MSK_IAM) from this test's class path: msk-local.jar does not
        // carry kafka-tools, as a user's Kafka distribution does
        List<String> command =
                new ArrayList<>(List.of(UpProcess.java(), "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(arguments);
        return UpProcess.runAsInAContainer(dir, environment, command, input);
    }

    /** The producer's arguments for the console consumer: from the beginning, three records, then stop. */
    private static List<String> consumerArguments(List<String> producerArguments) {
        List<String> arguments = new ArrayList<>(replace(producerArguments, "--producer.config", "--consumer.config"));
        arguments.addAll(List.of("--from-beginning", "--max-messages", "3", "--timeout-ms", "30000"));
        return arguments;
    }

    private static List<String> replace(List<String> arguments, String from, String to) {
        return arguments.stream()
                .map(argument -> argument.equals(from) ? to : argument)
                .toList();
    }
}
