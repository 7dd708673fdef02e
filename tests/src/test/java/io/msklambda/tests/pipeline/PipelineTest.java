package io.msklambda.tests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.consumer.AggregatesTable;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.cli.MskLocal;
import io.msklambda.local.pipeline.FaultPlan;
import io.msklambda.local.pipeline.FunctionVariables;
import io.msklambda.local.pipeline.Mapping;
import io.msklambda.local.pipeline.Pipeline;
import io.msklambda.local.pipeline.PipelineOptions;
import io.msklambda.local.pipeline.Reconciliation;
import io.msklambda.local.pipeline.Workload;
import io.msklambda.local.stack.Services;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.model.DecodeResult;
import io.msklambda.model.Event;
import io.msklambda.model.ItemsFormat;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.Order;
import io.msklambda.model.Telemetry;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.PayloadKind;
import io.msklambda.tests.support.DynamoDbLocalCredentials;
import io.msklambda.tests.support.GroundTruth;
import io.msklambda.tests.support.LocalServices;
import io.msklambda.tests.support.StoredItems;
import io.msklambda.tests.support.TopicContents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The pipeline end to end over the local services, pointed at them as at real endpoints (credentials from the
 * standard system properties), so that the test can read the topic and the tables afterwards.
 */
@ExtendWith(DynamoDbLocalCredentials.class)
class PipelineTest {

    private static final int WINDOW_SECONDS = 5;

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static PipelineOptions options(String name, PayloadKind payload, int redeliverEvery, int crashEvery) {
        return options(name, payload, redeliverEvery, crashEvery, List.of());
    }

    private static PipelineOptions options(
            String name, PayloadKind payload, int redeliverEvery, int crashEvery, List<String> filters) {
        return new PipelineOptions(
                new Workload(
                        payload,
                        3,
                        Duration.ofSeconds(1),
                        2,
                        2,
                        50,
                        Duration.ofMillis(200),
                        12,
                        ItemsFormat.STRING,
                        42L),
                new Services(
                        name,
                        3,
                        1,
                        SERVICES.kafka().bootstrapServers(),
                        AuthMode.NONE,
                        SERVICES.dynamoDb().endpoint(),
                        name + "-aggregates",
                        name + "-rejects"),
                new Mapping(
                                WINDOW_SECONDS,
                                40,
                                Duration.ofMillis(200),
                                StartingPosition.TRIM_HORIZON,
                                name + "-group",
                                -1)
                        .withFilters(filters),
                new FaultPlan(List.of(), redeliverEvery, crashEvery),
                Duration.ofMinutes(1),
                false);
    }

    private static Pipeline.Outcome run(PipelineOptions options) {
        return new Pipeline(options).run(new PrintWriter(new StringWriter(), true));
    }

    private static Map<String, StoredItems.Stats> groundTruth(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records =
                TopicContents.readAll(SERVICES.kafka().bootstrapServers(), topic);
        return GroundTruth.of(records.stream().map(ConsumerRecord::value).collect(Collectors.toList()), WINDOW_SECONDS);
    }

    @Test
    void theTablesEqualTheGroundTruthReadFromTheTopic() throws Exception {
        String name = "p-" + UUID.randomUUID().toString().substring(0, 8);

        Pipeline.Outcome outcome = run(options(name, PayloadKind.TELEMETRY, 0, 0));

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.invocations())
                .hasSize(6)
                .allSatisfy(i -> assertThat(i.error()).isNull());
        Map<String, StoredItems.Stats> truth = groundTruth(name);
        assertThat(StoredItems.aggregates(SERVICES.dynamo(), name + "-aggregates"))
                .isEqualTo(truth);
        long onTopic =
                truth.values().stream().mapToLong(StoredItems.Stats::count).sum();
        assertThat(outcome.reconciliation().acknowledged()).isEqualTo(onTopic).isPositive();
    }

    @Test
    void aConsumerReadingByPointersIsReconciledPerSeriesWithWhatTheTriggerDelivered() throws Exception {
        // Given telemetry, and a consumer that reads it through pointers to its fields rather than as the preset
        String name = "j-" + UUID.randomUUID().toString().substring(0, 8);
        PipelineOptions telemetry = options(name, PayloadKind.TELEMETRY, 3, 0);
        PipelineOptions pointers = new PipelineOptions(
                telemetry.workload(),
                telemetry.services(),
                telemetry.mapping(),
                telemetry.faults(),
                telemetry.drainTimeout(),
                telemetry.verbose(),
                telemetry.schedule(),
                telemetry.limits(),
                telemetry.access(),
                new FunctionVariables(
                        Map.of(),
                        Map.of(
                                ConsumerSettings.SERIES_FIELD, "/device_id",
                                ConsumerSettings.VALUE_FIELD, "/temperature",
                                ConsumerSettings.TIME_FIELD, "/timestamp",
                                ConsumerSettings.TIME_FORMAT, "iso")));

        // When the pipeline runs, with redeliveries
        Pipeline.Outcome outcome = run(pointers);

        // Then the reconciliation counts each device's records in the series the consumer stored them in (the
        // device id alone), and the tables hold the preset's statistics under those names
        assertThat(outcome.exitCode())
                .as(String.valueOf(outcome.reconciliation()))
                .isZero();
        assertThat(outcome.reconciliation().agrees()).isTrue();
        Map<String, StoredItems.Stats> renamed = new TreeMap<>();
        groundTruth(name).forEach((window, stats) -> renamed.put(window.substring("device#".length()), stats));
        assertThat(StoredItems.aggregates(SERVICES.dynamo(), name + "-aggregates"))
                .isEqualTo(renamed)
                .isNotEmpty();
    }

    @Test
    void redeliveriesAndCrashesMidBatchStillGiveTheGroundTruth() throws Exception {
        String name = "f-" + UUID.randomUUID().toString().substring(0, 8);

        Pipeline.Outcome outcome = run(options(name, PayloadKind.ORDERS, 3, 4));

        assertThat(outcome.exitCode())
                .as(String.valueOf(outcome.reconciliation()))
                .isZero();
        assertThat(outcome.consumerRetries()).isPositive();
        assertThat(outcome.redelivered()).isPositive();
        assertThat(outcome.reconciliation().agrees()).isTrue();
        assertThat(StoredItems.aggregates(SERVICES.dynamo(), name + "-aggregates"))
                .isEqualTo(groundTruth(name));
    }

    @Test
    void filterCriteriaOnANumericRangeKeepTheOtherDevicesFromTheConsumerAndAreCounted() {
        // Given a mapping that delivers devices 3 to 6 only
        String name = "n-" + UUID.randomUUID().toString().substring(0, 8);
        PipelineOptions options = options(
                name,
                PayloadKind.TELEMETRY,
                0,
                0,
                List.of("{\"value\": {\"device_id\": [{\"numeric\": [\">=\", 3, \"<=\", 6]}]}}"));

        // When the pipeline runs
        Pipeline.Outcome outcome = run(options);

        // Then the tables hold exactly those devices' readings, and every other record is counted as filtered
        assertFiltered(name, outcome, value -> {
            int device = ((Telemetry) decoded(value)).deviceId();
            return device >= 3 && device <= 6;
        });
        assertThat(StoredItems.aggregates(SERVICES.dynamo(), name + "-aggregates")
                        .keySet())
                .allSatisfy(item -> assertThat(item.substring(0, item.indexOf('@')))
                        .isIn(IntStream.rangeClosed(3, 6)
                                .mapToObj(AggregatesTable::deviceSeries)
                                .toList()));
    }

    @Test
    void filterCriteriaOnAPrefixKeepOnlyThoseUsersOrders() {
        String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
        PipelineOptions options =
                options(name, PayloadKind.ORDERS, 0, 0, List.of("{\"value\": {\"user_id\": [{\"prefix\": \"a\"}]}}"));

        Pipeline.Outcome outcome = run(options);

        assertFiltered(name, outcome, value -> ((Order) decoded(value)).userId().startsWith("a"));
    }

    @Test
    void filteredRecordsAreCommittedWithoutSkippingAnyRecordThroughRedeliveriesAndCrashes() {
        String name = "r-" + UUID.randomUUID().toString().substring(0, 8);
        PipelineOptions options = options(
                name,
                PayloadKind.TELEMETRY,
                3,
                4,
                List.of("{\"value\": {\"device_id\": [{\"numeric\": [\"<=\", 6]}]}}"));

        Pipeline.Outcome outcome = run(options);

        assertThat(outcome.redelivered()).isPositive();
        assertFiltered(name, outcome, value -> ((Telemetry) decoded(value)).deviceId() <= 6);
    }

    /** The tables equal the ground truth of the records the filter keeps; the rest are counted as filtered. */
    private static void assertFiltered(String name, Pipeline.Outcome outcome, Predicate<byte[]> kept) {
        assertThat(outcome.exitCode()).isZero();
        List<byte[]> values = TopicContents.readAll(SERVICES.kafka().bootstrapServers(), name).stream()
                .map(ConsumerRecord::value)
                .collect(Collectors.toList());
        List<byte[]> delivered = values.stream().filter(kept).collect(Collectors.toList());
        assertThat(delivered).isNotEmpty().hasSizeLessThan(values.size());
        assertThat(StoredItems.aggregates(SERVICES.dynamo(), name + "-aggregates"))
                .isEqualTo(GroundTruth.of(delivered, WINDOW_SECONDS));
        assertThat(outcome.reconciliation().filtered()).isEqualTo(values.size() - delivered.size());
        assertThat(outcome.reconciliation().delivered()).isEqualTo(delivered.size());
        assertThat(outcome.reconciliation().agrees()).isTrue();
    }

    private static Event decoded(byte[] value) {
        return ((DecodeResult.Decoded) JsonCodec.decode(value)).event();
    }

    @Test
    void aDynamoDbEndpointThatRefusesConnectionsIsToldInOneLineWithExitCodeThreeBeforeAnythingStarts() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = MskLocal.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(
                        "pipeline",
                        "--auth",
                        "none",
                        "--run-seconds",
                        "1",
                        "--dynamodb-endpoint",
                        "http://127.0.0.1:1");

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString())
                .isEqualTo("pipeline: --dynamodb-endpoint http://127.0.0.1:1: DynamoDB did not accept "
                        + "a connection within 5 s (127.0.0.1:1: Connection refused)" + System.lineSeparator());
        assertThat(out.toString()).doesNotContain("embedded Kafka").doesNotContain("producers:");
    }

    @Test
    void theCommandPrintsTheTableAndAPassingReconciliationAndExitsZero() {
        String name = "c-" + UUID.randomUUID().toString().substring(0, 8);
        StringWriter out = new StringWriter();

        int exit = MskLocal.commandLine().setOut(new PrintWriter(out, true)).execute(cli(name));

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("series       window_start            count       avg       min       max")
                .containsPattern(
                        AggregatesTable.deviceSeries(1) + " +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +\\d+ ")
                .containsPattern(
                        "reconciliation: OK - acknowledged ([\\d,]+) = on the topic \\1 \\(0 lost, 0 duplicated\\) = aggregated \\1 \\+ rejected 0; 4 of 4 series agree");
    }

    @Test
    void theWholeFlowRunsOverIamOnTheEmbeddedBroker() {
        StringWriter out = new StringWriter();

        int exit = MskLocal.commandLine()
                .setOut(new PrintWriter(out, true))
                .execute(
                        "pipeline",
                        "--auth",
                        "iam",
                        "--ticks",
                        "1",
                        "--tick",
                        "1s",
                        "--run-seconds",
                        "1",
                        "--concurrency",
                        "2",
                        "--seed",
                        "7");

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("embedded Kafka cluster \\(KRaft, 1 broker\\) at 127.0.0.1:\\d+ \\(IAM\\)")
                // no template here (the tests' directory): no role policies, so any signed-in client may do anything
                .contains("IAM access control off (no template: no role policies to authorize by)")
                .contains(
                        "other clients (the run itself, your tools) sign in as arn:aws:iam::123456789012:user/msk-local")
                .containsPattern(
                        "producers: 2 invocations \\(1 x 2 per tick\\), 0 failed; [\\d,]+ records acknowledged, 0 sends failed")
                .containsPattern(
                        "reconciliation: OK - acknowledged ([\\d,]+) = on the topic \\1 \\(0 lost, 0 duplicated\\) = aggregated \\1 \\+ rejected 0");
    }

    @Test
    void aTableThatHeldOtherDataFailsTheReconciliationWithExitCodeOne() {
        String name = "x-" + UUID.randomUUID().toString().substring(0, 8);
        SERVICES.kafka().createTopic(name, 3);
        io.msklambda.local.dynamodb.Tables.createBoth(SERVICES.dynamo(), name + "-aggregates", name + "-rejects");
        SERVICES.dynamo()
                .putItem(b -> b.tableName(name + "-aggregates")
                        .item(Map.of(
                                AggregatesTable.SERIES,
                                AttributeValue.fromS(AggregatesTable.deviceSeries(1)),
                                AggregatesTable.WINDOW_SOURCE,
                                AttributeValue.fromS(
                                        AggregatesTable.windowSourceOf("2020-01-01T00:00:00Z", name + "-0")),
                                AggregatesTable.WINDOW_START,
                                AttributeValue.fromS("2020-01-01T00:00:00Z"),
                                AggregatesTable.SOURCE,
                                AttributeValue.fromS(name + "-0"),
                                AggregatesTable.WINDOW_END,
                                AttributeValue.fromS("2020-01-01T00:00:05Z"),
                                AggregatesTable.COUNT,
                                AttributeValue.fromN("5"),
                                AggregatesTable.SUM,
                                AttributeValue.fromN("100"),
                                AggregatesTable.AVG,
                                AttributeValue.fromN("20"),
                                AggregatesTable.MIN,
                                AttributeValue.fromN("20"),
                                AggregatesTable.MAX,
                                AttributeValue.fromN("20"))));
        StringWriter out = new StringWriter();

        int exit = MskLocal.commandLine().setOut(new PrintWriter(out, true)).execute(cli(name));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .containsPattern("reconciliation: FAILED - delivered ([\\d,]+) but aggregated [\\d,]+ \\+ rejected 0; "
                        + AggregatesTable.deviceSeries(1) + ": stored [\\d,]+, delivered [\\d,]+");
    }

    @Test
    void batchesThatKeepFailingAreDiscardedAfterTheirRetriesAndTheReconciliationCountsThemLost() throws Exception {
        // Given a consumer whose every invocation crashes, and a provisioned mapping allowing 3 retries, no destination
        String name = "r-" + UUID.randomUUID().toString().substring(0, 8);
        PipelineOptions base = options(name, PayloadKind.TELEMETRY, 0, 1);
        PipelineOptions every = new PipelineOptions(
                base.workload(),
                base.services(),
                new Mapping(
                        WINDOW_SECONDS, 40, Duration.ofMillis(200), StartingPosition.TRIM_HORIZON, name + "-group", 3),
                base.faults(),
                base.drainTimeout(),
                false);

        // When it runs
        Pipeline.Outcome outcome = run(every);

        // Then the batches that crashed 4 times were discarded, as the mapping discards them, the others delivered,
        // and the accounts say the discarded ones are lost
        assertThat(outcome.triggerFailure()).isNull();
        assertThat(outcome.exitCode()).isEqualTo(1);
        Reconciliation reconciliation = outcome.reconciliation();
        assertThat(reconciliation.discarded()).isPositive();
        assertThat(reconciliation.delivered() + reconciliation.discarded())
                .isEqualTo(reconciliation.topic().records());
        // (a discarded batch may have written part of its records before its last crash: the tables may hold more)
        assertThat(reconciliation.aggregated() + reconciliation.rejected())
                .isGreaterThanOrEqualTo(reconciliation.delivered());
        assertThat(reconciliation.summary())
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "%,d records were "
                                + "discarded: their retries ran out and the mapping has no on-failure destination",
                        reconciliation.discarded()));
    }

    private static String[] cli(String name) {
        return new String[] {
            "pipeline",
            "--bootstrap-servers",
            SERVICES.kafka().bootstrapServers(),
            "--auth",
            "none",
            "--dynamodb-endpoint",
            SERVICES.dynamoDb().endpoint().toString(),
            "--topic",
            name,
            "--aggregates-table",
            name + "-aggregates",
            "--rejects-table",
            name + "-rejects",
            "--consumer-group",
            name,
            "-n",
            "2",
            "--run-seconds",
            "1",
            "--devices",
            "4",
            "--seed",
            "7",
            "--producer-batch-interval",
            "200ms",
            "--producer-batch-size",
            "20",
            "--window-seconds",
            "5"
        };
    }
}
