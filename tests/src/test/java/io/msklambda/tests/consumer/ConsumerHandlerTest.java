package io.msklambda.tests.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import io.msklambda.consumer.AggregatesTable;
import io.msklambda.consumer.ConsumeReport;
import io.msklambda.consumer.ConsumerHandler;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.consumer.RejectsTable;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.dynamodb.Tables;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.model.ConfigSource;
import io.msklambda.model.Reading;
import io.msklambda.model.RecordObserver;
import io.msklambda.tests.support.GroundTruth;
import io.msklambda.tests.support.LocalServices;
import io.msklambda.tests.support.StoredItems;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The consumer handler against DynamoDB Local, invoked with the sample MSK events. */
class ConsumerHandlerTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private DynamoDbClient dynamo;
    private ConsumerSettings settings;

    @BeforeEach
    void createTables() {
        dynamo = SERVICES.dynamo();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        settings = new ConsumerSettings(
                "aggregates-" + suffix,
                "rejects-" + suffix,
                Duration.ofSeconds(60),
                EmbeddedDynamoDb.REGION,
                Optional.of(SERVICES.dynamoDb().endpoint()));
        Tables.createBoth(dynamo, settings.aggregatesTable(), settings.rejectsTable());
    }

    private ConsumerHandler newEnvironment() {
        return new ConsumerHandler(settings, dynamo, Clock.systemUTC());
    }

    private static ConsumeReport invoke(ConsumerHandler handler, KafkaEvent event) {
        return handler.handleRequest(event, LocalContext.of("ConsumerFunction", Duration.ofSeconds(30)));
    }

    private static List<byte[]> values(KafkaEvent event) {
        List<byte[]> values = new ArrayList<>();
        event.getRecords()
                .values()
                .forEach(group -> group.forEach(record -> {
                    try {
                        values.add(Base64.getDecoder().decode(record.getValue()));
                    } catch (IllegalArgumentException | NullPointerException notBase64) {
                        // a record the consumer must reject; the ground truth has nothing to count for it
                    }
                }));
        return values;
    }

    private Map<String, StoredItems.Stats> stored() {
        return StoredItems.aggregates(dynamo, settings.aggregatesTable());
    }

    private Map<String, Map<String, AttributeValue>> storedItems() {
        return StoredItems.items(dynamo, settings.aggregatesTable());
    }

    @ParameterizedTest
    @Events(
            events = {
                @Event("events/msk-telemetry.json"),
                @Event("events/msk-orders.json"),
                @Event("events/msk-orders-items-string.json")
            },
            type = KafkaEvent.class)
    void writesExactlyTheBruteForceStatisticsInOneWritePerItem(KafkaEvent event) {
        ConsumeReport report = invoke(newEnvironment(), event);

        assertThat(stored()).isEqualTo(GroundTruth.of(values(event), 60));
        assertThat(report.rejected()).isZero();
        assertThat(report.aggregated()).isEqualTo(report.records());
        assertThat(report.itemsWritten())
                .isEqualTo(report.itemsTouched())
                .isEqualTo(storedItems().size());
        assertThat(report.dynamodbRequests()).isEqualTo(report.itemsTouched());
    }

    @ParameterizedTest
    @Event(value = "events/msk-orders-items-string.json", type = KafkaEvent.class)
    void aWindowFedByTwoPartitionsIsKeptAsOneItemPerPartitionThatCombineToTheWindow(KafkaEvent event) {
        // Given orders of one window from partitions 1 and 2
        // When the consumer takes them
        ConsumeReport report = invoke(newEnvironment(), event);

        // Then each partition has its own item, written once, and together they are the window's statistics
        assertThat(storedItems())
                .containsOnlyKeys("orders@2026-03-09T21:05:00Z#orders-1", "orders@2026-03-09T21:05:00Z#orders-2");
        assertThat(storedItems()
                        .get("orders@2026-03-09T21:05:00Z#orders-1")
                        .get(AggregatesTable.COUNT)
                        .n())
                .isEqualTo("1");
        assertThat(storedItems()
                        .get("orders@2026-03-09T21:05:00Z#orders-2")
                        .get(AggregatesTable.COUNT)
                        .n())
                .isEqualTo("3");
        assertThat(stored())
                .isEqualTo(GroundTruth.of(values(event), 60))
                .containsOnlyKeys("orders@2026-03-09T21:05:00Z");
        assertThat(report).isEqualTo(new ConsumeReport(4, 4, 0, 0, 2, 2, 0, 2));
    }

    @ParameterizedTest
    @Event(value = "events/msk-telemetry.json", type = KafkaEvent.class)
    void aReplayedBatchLeavesEveryItemAsItWasWithoutWriting(KafkaEvent event) {
        ConsumerHandler environment = newEnvironment();
        invoke(environment, event);
        Map<String, StoredItems.Stats> once = stored();

        ConsumeReport sameEnvironment = invoke(environment, event);
        ConsumerHandler fresh = newEnvironment();
        ConsumeReport freshEnvironment = invoke(fresh, event);
        ConsumeReport freshEnvironmentAgain = invoke(fresh, event);

        assertThat(stored()).isEqualTo(once);
        assertThat(sameEnvironment.itemsWritten()).isZero();
        assertThat(sameEnvironment.dynamodbRequests()).isZero();
        assertThat(freshEnvironment.itemsWritten()).isZero();
        assertThat(freshEnvironment.conflicts()).isEqualTo(freshEnvironment.itemsTouched());
        // what the conflicts revealed is remembered: the fresh environment does not ask again
        assertThat(freshEnvironmentAgain.conflicts()).isZero();
        assertThat(freshEnvironmentAgain.dynamodbRequests()).isZero();
    }

    @ParameterizedTest
    @Event(value = "events/msk-bad-records.json", type = KafkaEvent.class)
    void keepsEveryBadRecordWithItsReasonAndAggregatesTheGoodOnes(KafkaEvent event) throws Exception {
        ConsumeReport report = invoke(newEnvironment(), event);

        assertThat(report).isEqualTo(new ConsumeReport(13, 2, 11, 0, 1, 1, 0, 2));
        assertThat(stored()).isEqualTo(GroundTruth.of(values(event), 60));
        Map<String, Map<String, AttributeValue>> rejects = StoredItems.rejects(dynamo, settings.rejectsTable());
        assertThat(rejects.entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey,
                                e -> e.getValue().get(RejectsTable.REASON).s())))
                .isEqualTo(Map.ofEntries(
                        Map.entry("telemetry-0@101", "NOT_BASE64"),
                        Map.entry("telemetry-0@102", "NOT_UTF8"),
                        Map.entry("telemetry-0@103", "NOT_JSON"),
                        Map.entry("telemetry-0@104", "UNKNOWN_SHAPE"),
                        Map.entry("telemetry-0@105", "MISSING_FIELD"),
                        Map.entry("telemetry-0@106", "WRONG_TYPE"),
                        Map.entry("telemetry-0@107", "NON_FINITE_NUMBER"),
                        Map.entry("telemetry-0@108", "OUT_OF_RANGE"),
                        Map.entry("telemetry-0@109", "NULL_VALUE"),
                        Map.entry("telemetry-0@110", "MISSING_FIELD"),
                        Map.entry("telemetry-0@111", "OUT_OF_RANGE")));

        Map<String, AttributeValue> notJson = rejects.get("telemetry-0@103");
        assertThat(notJson.get(RejectsTable.RAW).b().asUtf8String()).isEqualTo("Hello, this is a test.");
        assertThat(notJson.get(RejectsTable.RAW_SIZE).n()).isEqualTo("22");
        assertThat(notJson.get(RejectsTable.KAFKA_TIMESTAMP).n()).isEqualTo("1773090300003");
        assertThat(notJson).doesNotContainKey(RejectsTable.RAW_SHA256);

        byte[] big = Base64.getDecoder()
                .decode(event.getRecords().get("telemetry-0").get(10).getValue());
        Map<String, AttributeValue> cut = rejects.get("telemetry-0@110");
        assertThat(cut.get(RejectsTable.RAW).b().asByteArray()).isEqualTo(Arrays.copyOf(big, 4096));
        assertThat(cut.get(RejectsTable.RAW_SIZE).n()).isEqualTo("10025");
        assertThat(cut.get(RejectsTable.RAW_SHA256).s())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(big)));
        assertThat(rejects.get("telemetry-0@101").get(RejectsTable.RAW).b().asString(StandardCharsets.UTF_8))
                .isEqualTo("invalid-base64!");
        assertThat(rejects.get("telemetry-0@109")).doesNotContainKey(RejectsTable.RAW);
    }

    @ParameterizedTest
    @Event(value = "fixtures/kafka-conflicting-records-at-one-offset.json", type = KafkaEvent.class)
    void recordsThatShareAnOffsetWithDifferentBytesAreAllKeptUnderThatOffsetAndNoneIsAggregated(KafkaEvent event) {
        // Given two different readings at telemetry-0 offset 7 (one of them repeated byte for byte) and one at 8
        List<KafkaEvent.KafkaEventRecord> records = event.getRecords().get("telemetry-0");

        // When the consumer takes the event, twice (a replay)
        ConsumeReport report = invoke(newEnvironment(), event);
        invoke(newEnvironment(), event);

        // Then the repeat counts once, both readings at offset 7 are kept in one reject, and only offset 8 is
        // aggregated
        assertThat(report).isEqualTo(new ConsumeReport(4, 1, 2, 1, 1, 1, 0, 2));
        assertThat(stored())
                .isEqualTo(GroundTruth.of(
                        List.of(Base64.getDecoder().decode(records.get(3).getValue())), 60));
        Map<String, Map<String, AttributeValue>> rejects = StoredItems.rejects(dynamo, settings.rejectsTable());
        assertThat(rejects).containsOnlyKeys("telemetry-0@7");
        Map<String, AttributeValue> conflict = rejects.get("telemetry-0@7");
        assertThat(conflict.get(RejectsTable.REASON).s()).isEqualTo("CONFLICTING_RECORDS");
        assertThat(conflict.get(RejectsTable.RECORDS).n()).isEqualTo("2");
        assertThat(conflict.get(RejectsTable.CONFLICTING_SHA256S).l()).hasSize(2);
        assertThat(conflict.get(RejectsTable.CONFLICTING_RAWS).l())
                .extracting(raw -> raw.b().asUtf8String())
                .containsExactly(
                        new String(Base64.getDecoder().decode(records.get(0).getValue()), StandardCharsets.UTF_8),
                        new String(Base64.getDecoder().decode(records.get(1).getValue()), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @Event(value = "events/msk-bad-records.json", type = KafkaEvent.class)
    void rejectsAreWrittenIdempotently(KafkaEvent event) {
        invoke(newEnvironment(), event);
        Map<String, String> first = reasons();
        invoke(newEnvironment(), event);
        assertThat(reasons()).isEqualTo(first).hasSize(11);
    }

    private Map<String, String> reasons() {
        return StoredItems.rejects(dynamo, settings.rejectsTable()).entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> e.getValue().get(RejectsTable.DETAIL).s()));
    }

    @ParameterizedTest
    @Event(value = "events/msk-telemetry.json", type = KafkaEvent.class)
    void anUnreachableDynamoDbFailsTheInvocationSoTheTriggerRetries(KafkaEvent event) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ConsumerSettings unreachable = new ConsumerSettings(
                settings.aggregatesTable(),
                settings.rejectsTable(),
                settings.window(),
                EmbeddedDynamoDb.REGION,
                Optional.of(URI.create("http://127.0.0.1:" + closedPort)));
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(unreachable.dynamodbEndpoint().get())
                .region(software.amazon.awssdk.regions.Region.of(EmbeddedDynamoDb.REGION))
                .credentialsProvider(dynamo.serviceClientConfiguration().credentialsProvider())
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build()) {
            ConsumerHandler handler = new ConsumerHandler(unreachable, client, Clock.systemUTC());
            assertThatThrownBy(() -> invoke(handler, event))
                    .isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("Unable to execute HTTP request");
        }
        assertThat(stored()).isEmpty();
    }

    @ParameterizedTest
    @Event(value = "events/msk-custom-vehicles.json", type = KafkaEvent.class)
    void aCustomShapeIsAggregatedThroughTheConfiguredPointersAndItsBadRecordsAreKeptNamingThePointer(KafkaEvent event) {
        // Given a consumer configured, as by its environment, with pointers into vehicle records
        ConsumerSettings vehicles = ConsumerSettings.from(new ConfigSource(Map.of(
                ConsumerSettings.AGGREGATES_TABLE,
                settings.aggregatesTable(),
                ConsumerSettings.REJECTS_TABLE,
                settings.rejectsTable(),
                ConsumerSettings.AWS_REGION,
                EmbeddedDynamoDb.REGION,
                ConsumerSettings.SERIES_FIELD,
                "/vehicle/id",
                ConsumerSettings.VALUE_FIELD,
                "/vehicle/battery/temp_c",
                ConsumerSettings.TIME_FIELD,
                "/ts")));

        // When it takes a batch of them from two partitions
        ConsumeReport report = invoke(new ConsumerHandler(vehicles, dynamo, Clock.systemUTC()), event);

        // Then each vehicle's windows hold exactly its temperatures, and the two bad records are kept
        assertThat(report).isEqualTo(new ConsumeReport(8, 6, 2, 0, 5, 5, 0, 6));
        assertThat(stored())
                .isEqualTo(Map.of(
                        "EV-0001@2026-03-09T21:05:00Z", stats(3, "92.6", "30.0", "31.4", "2026-03-09T21:06:00Z"),
                        "EV-0002@2026-03-09T21:05:00Z", stats(1, "28.5", "28.5", "28.5", "2026-03-09T21:06:00Z"),
                        "EV-0002@2026-03-09T21:06:00Z", stats(1, "0.3", "0.3", "0.3", "2026-03-09T21:07:00Z"),
                        "EV-0003@2026-03-09T21:05:00Z", stats(1, "-2.5", "-2.5", "-2.5", "2026-03-09T21:06:00Z")));
        assertThat(storedItems())
                .containsKeys("EV-0001@2026-03-09T21:05:00Z#vehicles-0", "EV-0001@2026-03-09T21:05:00Z#vehicles-1");
        Map<String, Map<String, AttributeValue>> rejects = StoredItems.rejects(dynamo, settings.rejectsTable());
        assertThat(rejects.entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey,
                                e -> e.getValue().get(RejectsTable.REASON).s() + ": "
                                        + e.getValue().get(RejectsTable.DETAIL).s())))
                .isEqualTo(
                        Map.of(
                                "vehicles-0@203",
                                "MISSING_FIELD: /vehicle/battery/temp_c is missing",
                                "vehicles-1@300",
                                "WRONG_TYPE: /ts must be an ISO-8601 timestamp string (TIME_FORMAT=iso), found a whole number"));
    }

    @ParameterizedTest
    @Event(value = "events/msk-custom-vehicles.json", type = KafkaEvent.class)
    void aTeamsOwnObserverGivenToTheConstructorDecidesWhatEachRecordContributes(KafkaEvent event) {
        // Given a team's observer: every record counts 1 in the series of its Kafka key, at a fixed time
        RecordObserver perKey = (key, value) -> new Reading(
                "key:" + new String(key, StandardCharsets.UTF_8),
                Instant.parse("2026-03-09T21:05:30Z"),
                BigDecimal.ONE);

        // When the consumer takes the batch with it
        ConsumeReport report = invoke(new ConsumerHandler(settings, dynamo, Clock.systemUTC(), perKey), event);

        // Then every record is counted in its key's series
        assertThat(report.aggregated()).isEqualTo(8);
        assertThat(stored())
                .isEqualTo(Map.of(
                        "key:EV-0001@2026-03-09T21:05:00Z", stats(4, "4", "1", "1", "2026-03-09T21:06:00Z"),
                        "key:EV-0002@2026-03-09T21:05:00Z", stats(2, "2", "1", "1", "2026-03-09T21:06:00Z"),
                        "key:EV-0003@2026-03-09T21:05:00Z", stats(2, "2", "1", "1", "2026-03-09T21:06:00Z")));
    }

    /** A window's statistics as {@link StoredItems} combines them, the average at DynamoDB's 38 digits. */
    private static StoredItems.Stats stats(long count, String sum, String min, String max, String windowEnd) {
        BigDecimal total = new BigDecimal(sum);
        return new StoredItems.Stats(
                count,
                total.stripTrailingZeros(),
                total.divide(BigDecimal.valueOf(count), new MathContext(38, java.math.RoundingMode.HALF_EVEN))
                        .stripTrailingZeros(),
                new BigDecimal(min).stripTrailingZeros(),
                new BigDecimal(max).stripTrailingZeros(),
                windowEnd);
    }
}
