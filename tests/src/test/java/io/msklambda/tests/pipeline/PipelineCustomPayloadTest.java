package io.msklambda.tests.pipeline;

import static io.msklambda.tests.pipeline.PipelineTemplateTest.pipeline;
import static io.msklambda.tests.pipeline.PipelineTemplateTest.shortRun;
import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.producer.Shard;
import io.msklambda.producer.spec.PayloadSpec;
import io.msklambda.tests.pipeline.PipelineTemplateTest.Run;
import io.msklambda.tests.support.DynamoDbLocalCredentials;
import io.msklambda.tests.support.LocalServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records of any shape end to end: {@code pipeline --payload-spec} runs the README's worked examples, and the
 * template's {@code Payload=custom} parameters run a spec that has no {@code observe} block with the consumer's
 * pointers set beside it, each reconciled per series. What cannot work is refused before anything starts.
 */
@ExtendWith(DynamoDbLocalCredentials.class)
class PipelineCustomPayloadTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final Path SPECS = Path.of("..", "producer-function", "specs");
    /** The time the README's example records were made at: 2026-12-01T22:02:01.437Z. */
    private static final long README_NOW = 1_796_162_521_437L;

    @ParameterizedTest
    @ValueSource(strings = {"clickstream.json", "ev-battery.json"})
    void theReadmesWorkedExamplesRunEndToEndAndReconcilePerSeries(String spec) {
        // Given a worked example's spec, whose observe block gives the consumer its pointers
        List<String> args = run("--payload-spec", SPECS.resolve(spec).toString());

        // When the pipeline runs it as the template deploys it
        Run run = pipeline(args.toArray(String[]::new));

        // Then every record acknowledged was aggregated, none rejected, and each series agrees with the trigger's count
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .containsPattern("reconciliation: OK - acknowledged ([\\d,]+) = on the topic \\1 \\(0 lost, 0 "
                        + "duplicated\\) = aggregated \\1 \\+ rejected 0; (\\d+) of \\2 series agree");
    }

    @Test
    void onTheEmbeddedIamClusterTheTemplatesPoliciesAuthorizeACustomPayloadAsTheyWouldDeployed() {
        // Given the README's command: the embedded cluster, IAM, every request authorized by the template's policies
        String name = "a-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> args = new ArrayList<>(List.of(
                "pipeline",
                "--template",
                TEMPLATE.toString(),
                "--payload-spec",
                SPECS.resolve("clickstream.json").toString()));
        // the template's topic and consumer group (which its policies name), the shared DynamoDB Local, short ticks
        args.addAll(List.of(
                "--dynamodb-endpoint", SERVICES.dynamoDb().endpoint().toString(),
                "--aggregates-table", name + "-aggregates",
                "--rejects-table", name + "-rejects",
                "--run-seconds", "2",
                "--tick", "5s",
                "--producer-batch-interval", "200ms",
                "--producer-batch-size", "20",
                "--window-seconds", "5",
                "--batching-window", "0s",
                "--seed", "7"));

        Run run = pipeline(args.toArray(String[]::new));

        // Then the producer and the trigger use the template's TopicName, which the policies allow, and it reconciles
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("IAM access control on (template.yaml)", "topic telemetry");
        assertThat(run.out()).containsPattern("reconciliation: OK - .* rejected 0; 5 of 5 series agree");
    }

    @ParameterizedTest
    @ValueSource(strings = {"clickstream.json", "ev-battery.json"})
    void theReadmesExampleRecordIsTheFirstTheSpecMakesFromSeed42(String spec) throws IOException {
        ProducerRecord<byte[], byte[]> first = PayloadSpec.load(
                        SPECS.resolve(spec).toString())
                .generator("t", new SplittableRandom(42))
                .next(Shard.ALL, README_NOW);

        // the README shows the key beside the record, and the record on a line of its own
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme)
                .contains("A record (key `" + new String(first.key(), StandardCharsets.UTF_8) + "`")
                .contains("\n" + new String(first.value(), StandardCharsets.UTF_8) + "\n");
    }

    @Test
    void aSpecWithoutObserveRunsWithTheConsumersPointersFromTheTemplatesParameters() {
        // Given someone's own shape, given inline through the template's parameters, with the consumer's pointers
        // beside
        String spec = "{\"name\":\"payments\",\"key\":{\"$text\":\"/account\"},\"fields\":{"
                + "\"account\":{\"$key\":{\"cardinality\":4,\"format\":\"acct-%d\"}},"
                + "\"paid_at\":{\"$time\":{\"format\":\"epoch-seconds\"}},"
                + "\"amount\":{\"$decimal\":{\"min\":1,\"max\":500,\"decimals\":2}},"
                + "\"currency\":\"EUR\"}}";
        List<String> args = run(
                "--parameter-overrides",
                "Payload=custom",
                "PayloadSpec=" + spec,
                "SeriesField=/account",
                "ValueField=/amount",
                "TimeField=/paid_at",
                "TimeFormat=epoch-seconds");

        Run run = pipeline(args.toArray(String[]::new));

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("reconciliation: OK - .* rejected 0; 4 of 4 series agree");
        assertThat(run.out()).contains("acct-1 ", "acct-4 ");
    }

    @Test
    void theTemplatesTopicWinsOverTheSpecsNameAndAPayloadFlagDropsATemplatesSpec() {
        String spec = SPECS.resolve("ev-battery.json").toString();

        // the template's role policies allow its TopicName alone: a spec's name would be refused by the cluster
        Run run = pipeline("--template", TEMPLATE.toString(), "--dry-run", "--payload-spec", spec);
        Run renamed = pipeline(
                "--template",
                TEMPLATE.toString(),
                "--dry-run",
                "--payload-spec",
                spec,
                "--parameter-overrides",
                "TopicName=ev-telemetry");
        // the tests' directory has no template.yaml: without one, the spec names the topic
        Run withoutTemplate = pipeline("--dry-run", "--payload-spec", spec);
        Run telemetryOverCustom = pipeline(
                "--template",
                TEMPLATE.toString(),
                "--dry-run",
                "--payload",
                "telemetry",
                "--parameter-overrides",
                "Payload=custom",
                "PayloadSpec=specs/ev-battery.json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.settings().get("template.yaml")).containsEntry("TOPIC_NAME", "telemetry");
        assertThat(renamed.settings().get("template.yaml")).containsEntry("TOPIC_NAME", "ev-telemetry");
        assertThat(withoutTemplate.settings().get("defaults")).containsEntry("TOPIC_NAME", "ev-telemetry");
        assertThat(telemetryOverCustom.exit()).as(telemetryOverCustom.err()).isZero();
        assertThat(telemetryOverCustom.settings().get("flags")).containsEntry("PAYLOAD", "telemetry");
    }

    @Test
    void aRelativeSpecInTheTemplateIsReadFromTheFunctionsTaskRootAsLambdaReadsIt() {
        // specs/clickstream.json is producer-function/specs/... here, /var/task/specs/... once sam build copied it
        List<String> template = List.of(
                "--template",
                TEMPLATE.toString(),
                "--dry-run",
                "--parameter-overrides",
                "Payload=custom",
                "PayloadSpec=specs/clickstream.json");
        List<String> pointers = List.of("SeriesField=/page", "ValueField=/latency_ms", "TimeField=/ts");

        Run run = pipeline(concat(template, pointers, List.of("TimeFormat=epoch-millis")));
        // deployed, the consumer does not read the producer's spec: its pointers are the template's own parameters
        Run withoutPointers = pipeline(concat(template));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.settings().get("template.yaml"))
                .containsEntry("PAYLOAD", "custom")
                .containsEntry("PAYLOAD_SPEC", "clickstream (specs/clickstream.json)");
        assertThat(withoutPointers.exit()).isEqualTo(2);
        assertThat(withoutPointers.err()).contains("PAYLOAD_SPEC clickstream [template.yaml]: the consumer has no");
    }

    @SafeVarargs
    private static String[] concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toArray(String[]::new);
    }

    @Test
    void whatCannotRunIsRefusedBeforeAnythingStartsNamingTheOptionAndWhy(@TempDir Path dir) throws IOException {
        Path noObserve = Files.writeString(
                dir.resolve("counter.json"), "{\"name\":\"counter\",\"fields\":{\"n\":{\"$sequence\":{}}}}");
        Path wrong = Files.writeString(
                dir.resolve("wrong.json"), "{\"name\":\"w\",\"fields\":{\"n\":{\"$int\":{\"min\":5,\"max\":1}}}}");

        Run missing =
                pipeline("--dry-run", "--payload-spec", dir.resolve("nope.json").toString());
        Run withoutSpec = pipeline("--dry-run", "--payload", "custom");
        Run otherPayload = pipeline("--dry-run", "--payload", "orders", "--payload-spec", noObserve.toString());
        Run unobserved = pipeline("--dry-run", "--payload-spec", noObserve.toString());
        Run invalid = pipeline("--dry-run", "--payload-spec", wrong.toString());

        assertThat(List.of(missing, withoutSpec, otherPayload, unobserved, invalid))
                .allSatisfy(run -> assertThat(run.exit()).as(run.err()).isEqualTo(2));
        assertThat(missing.err()).contains("--payload-spec", "there is no file", "nope.json");
        assertThat(withoutSpec.err()).contains("PAYLOAD custom needs the spec of its records: give --payload-spec");
        assertThat(otherPayload.err()).contains("generates PAYLOAD custom, not orders");
        assertThat(unobserved.err())
                .contains("the consumer has no SERIES_FIELD, VALUE_FIELD, TIME_FIELD", "add an observe block");
        assertThat(invalid.err()).contains("PAYLOAD_SPEC /fields/n/$int/max: 1 is not allowed");
    }

    /** A short run from the template on the shared services, with its own topic, tables and group. */
    private static List<String> run(String... more) {
        String name = "c-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> args = new ArrayList<>(List.of("pipeline", "--template", TEMPLATE.toString()));
        args.addAll(List.of(more));
        args.addAll(shortRun(SERVICES, name));
        return args;
    }
}
