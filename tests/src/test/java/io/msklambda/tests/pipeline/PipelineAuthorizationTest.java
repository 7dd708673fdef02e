package io.msklambda.tests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.tests.support.DynamoDbLocalCredentials;
import io.msklambda.tests.support.LocalServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded cluster authorizes the producer and the trigger by the template's own role policies, as MSK's IAM
 * access control would once deployed: the unchanged template passes, and a copy without any one of its kafka-cluster
 * actions fails, naming the action and the resource it was needed on.
 */
@ExtendWith(DynamoDbLocalCredentials.class)
class PipelineAuthorizationTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    /** A cluster ARN of our choosing, so that the resources in the messages are known in advance. */
    private static final String CLUSTER = "arn:aws:kafka:us-east-1:123456789012:cluster/msk-local/0a1b2c3d-test-1";

    private static final String TOPIC =
            "arn:aws:kafka:us-east-1:123456789012:topic/msk-local/0a1b2c3d-test-1/telemetry";
    private static final String GROUP =
            "arn:aws:kafka:us-east-1:123456789012:group/msk-local/0a1b2c3d-test-1/msk-lambda-consumer";

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0} broker(s)")
    @ValueSource(ints = {1, 3})
    void theUnchangedTemplatePassesAndNeedsEveryActionItGrants(int brokers) {
        PipelineTemplateTest.Run run =
                run(TEMPLATE, "--brokers", Integer.toString(brokers), "--authorization", "report");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("IAM access control report (template.yaml): the producer signs in as "
                        + "arn:aws:sts::123456789012:assumed-role/ProducerRole/ProducerFunction")
                .contains("the trigger as arn:aws:sts::123456789012:assumed-role/ConsumerRole/ConsumerFunction")
                .contains("authorization report, ProducerRole: every granted kafka-cluster action was needed")
                .contains("authorization report, ConsumerRole: every granted kafka-cluster action was needed")
                .doesNotContain("refused")
                .containsPattern("reconciliation: OK - acknowledged [1-9][\\d,]* = on the topic");
    }

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({
        "ProducerRole, Connect,                             cluster",
        "ProducerRole, WriteDataIdempotently,               cluster",
        "ProducerRole, DescribeTopic,                       topic",
        "ProducerRole, WriteData,                           topic",
        "ConsumerRole, Connect,                             cluster",
        "ConsumerRole, DescribeClusterDynamicConfiguration, cluster",
        "ConsumerRole, DescribeTopic,                       topic",
        "ConsumerRole, ReadData,                            topic",
        "ConsumerRole, DescribeGroup,                       group",
        "ConsumerRole, AlterGroup,                          group"
    })
    void withoutAnyOfItsKafkaClusterActionsTheRunFailsNamingTheActionAndItsResource(
            String role, String action, String resource) throws IOException {
        Path template = copyWithout(role, "kafka-cluster:" + action);

        PipelineTemplateTest.Run run = run(template);

        String resourceArn = switch (resource) {
            case "cluster" -> CLUSTER;
            case "topic" -> TOPIC;
            default -> GROUP;
        };
        String function = role.equals("ProducerRole") ? "ProducerFunction" : "ConsumerFunction";
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out() + run.err())
                .contains("User: arn:aws:sts::123456789012:assumed-role/" + role + "/"
                        + function + " is not authorized to perform: kafka-cluster:" + action + " on resource: "
                        + resourceArn
                        + " because no statement allows it");
    }

    @Test
    void theReportNamesAGrantNoRequestNeeded() throws IOException {
        String template = Files.readString(TEMPLATE);
        String connect = "                  - kafka-cluster:Connect\n";
        int producerConnect = template.indexOf(connect, template.indexOf("  ProducerRole:")) + connect.length();
        Path generous = directory.resolve("generous.yaml");
        Files.writeString(
                generous,
                template.substring(0, producerConnect) + "                  - kafka-cluster:DescribeCluster\n"
                        + template.substring(producerConnect));

        PipelineTemplateTest.Run run = run(generous, "--authorization", "report");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("authorization report, ProducerRole: 1 granted kafka-cluster action no request "
                        + "needed\n  kafka-cluster:DescribeCluster on " + CLUSTER
                        + " (statement KafkaCluster in policy "
                        + "ProducerRole/producer)")
                .contains("authorization report, ConsumerRole: every granted kafka-cluster action was needed");
    }

    @Test
    void aDenyStatementBeatsTheAllowAndIsNamed() throws IOException {
        String template = Files.readString(TEMPLATE);
        String allow = "              - Sid: KafkaTopic\n";
        int producerTopic = template.indexOf(allow, template.indexOf("  ProducerRole:"));
        Path denied = directory.resolve("deny.yaml");
        Files.writeString(
                denied,
                template.substring(0, producerTopic)
                        + "              - Sid: NoWritesToTheTopic\n"
                        + "                Effect: Deny\n"
                        + "                Action: kafka-cluster:WriteData\n"
                        + "                Resource: '" + TOPIC + "'\n"
                        + template.substring(producerTopic));

        PipelineTemplateTest.Run run = run(denied);

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out())
                .contains("is not authorized to perform: kafka-cluster:WriteData on resource: " + TOPIC
                        + " because denied by statement NoWritesToTheTopic in policy ProducerRole/producer");
    }

    @Test
    void aRoleWhosePoliciesTheTemplateDoesNotHoldIsRefusedBeforeAnythingStartsUnlessAuthorizationIsOff()
            throws IOException {
        String template = Files.readString(TEMPLATE);
        Path managed = directory.resolve("managed.yaml");
        Files.writeString(
                managed,
                template.replaceFirst(
                        "(?m)^(  ConsumerRole:\\n    Type: AWS::IAM::Role\\n    Properties:\\n)",
                        "$1      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/"
                                + "AWSLambdaMSKExecutionRole]\n"));

        PipelineTemplateTest.Run refused = PipelineTemplateTest.pipeline("--template", managed.toString(), "--dry-run");
        PipelineTemplateTest.Run off =
                PipelineTemplateTest.pipeline("--template", managed.toString(), "--dry-run", "--authorization", "off");

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .contains("role ConsumerRole has ManagedPolicyArns "
                        + "[arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole]")
                .contains("--authorization off");
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(off.out()).containsPattern("authorization += off  \\[flags]");
    }

    @Test
    void aRoleTheProducerAssumesIsAuthorizedByThePolicyGivenForIt() throws IOException {
        // Given MskClientRoleArn naming a role outside the template, and that role's policy in a file
        String role = "arn:aws:iam::123456789012:role/MskClient";
        Path policy = Files.writeString(directory.resolve("msk-client.json"), """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Cluster", "Effect": "Allow", "Resource": "%s",
               "Action": ["kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently"]},
              {"Sid": "Topic", "Effect": "Allow", "Resource": "%s",
               "Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]}]}""".formatted(CLUSTER, TOPIC));

        PipelineTemplateTest.Run unknown = PipelineTemplateTest.pipeline(
                "--template", TEMPLATE.toString(), "--dry-run", "--parameter-overrides", "MskClientRoleArn=" + role);
        PipelineTemplateTest.Run run = run(
                TEMPLATE,
                "--parameter-overrides",
                "MskClusterArn=" + CLUSTER,
                "MskClientRoleArn=" + role,
                "--role-policy",
                role + "=" + policy,
                "--authorization",
                "report");

        // Then without it the run is refused before anything starts; with it the producer signs in as that role
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err())
                .contains("ProducerFunction assumes role " + role + " is not an AWS::IAM::Role of the template")
                .contains("--role-policy " + role + "=<policy.json>");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("the producer signs in as arn:aws:sts::123456789012:assumed-role/MskClient/"
                        + "ProducerFunction")
                .contains("authorization report, MskClient: every granted kafka-cluster action was needed");
    }

    @Test
    void authorizationIsRefusedWhereMskWouldNotApplyIt() {
        PipelineTemplateTest.Run tls = PipelineTemplateTest.pipeline(
                "--template", TEMPLATE.toString(), "--dry-run", "--auth", "tls", "--authorization", "on");
        PipelineTemplateTest.Run byDefault =
                PipelineTemplateTest.pipeline("--template", TEMPLATE.toString(), "--dry-run", "--auth", "tls");

        assertThat(tls.exit()).isEqualTo(2);
        assertThat(tls.err()).contains("--authorization").contains("IAM access control applies to the iam listener");
        assertThat(byDefault.exit()).isZero();
        assertThat(byDefault.out()).containsPattern("authorization += off  \\[defaults]");
    }

    /** The template with {@code action} taken out of {@code role}'s policy, and nothing else changed. */
    private Path copyWithout(String role, String action) throws IOException {
        String template = Files.readString(TEMPLATE);
        int start = template.indexOf("  " + role + ":\n");
        int end = template.indexOf("\n  # ", start);
        String section = template.substring(start, end);
        String without = section.replaceAll("(?m)^ +- " + Pattern.quote(action) + "\\n", "")
                .replace(action + ", ", "")
                .replace(", " + action + "]", "]");
        assertThat(without)
                .as("the template's %s grants %s", role, action)
                .isNotEqualTo(section)
                .doesNotContain(action + "\n")
                .doesNotContain(action + "]")
                .doesNotContain(action + ",");
        Path copy = directory.resolve(role + "-without-" + action.substring(action.indexOf(':') + 1) + ".yaml");
        Files.writeString(copy, template.substring(0, start) + without + template.substring(end));
        return copy;
    }

    private static PipelineTemplateTest.Run run(Path template, String... more) {
        String name = "authz-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> args = new ArrayList<>(List.of(
                "--template",
                template.toString(),
                "--parameter-overrides",
                "MskClusterArn=" + CLUSTER,
                "--dynamodb-endpoint",
                SERVICES.dynamoDb().endpoint().toString(),
                "--aggregates-table",
                name + "-aggregates",
                "--rejects-table",
                name + "-rejects",
                "--run-seconds",
                "2",
                "--producer-batch-interval",
                "200ms",
                "--producer-batch-size",
                "20",
                "--devices",
                "4",
                "--batching-window",
                "0s",
                "--drain-timeout",
                "20s",
                "--seed",
                "7"));
        args.addAll(List.of(more));
        return PipelineTemplateTest.pipeline(args.toArray(String[]::new));
    }
}
