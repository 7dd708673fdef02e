package io.msklambda.tests.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.msklambda.consumer.ConsumeReport;
import io.msklambda.consumer.ConsumerHandler;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.dynamodb.Tables;
import io.msklambda.local.lambda.LambdaSerialization;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.model.ConfigSource;
import io.msklambda.producer.ProduceReport;
import io.msklambda.producer.ProducerFactory;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.ProducerSettings;
import io.msklambda.tests.support.LocalServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event shape seen in the field reaches the handlers through the Lambda runtime's deserialization and
 * is taken: a Kafka record is aggregated or rejected with a reason, never a failed batch; a scheduled event of
 * any shape starts a normal run. The shapes are our fixtures (always) and, where the folder exists (in CI),
 * every file of {@code ../shared/real-events}, published by AWS, the Powertools projects and other runtimes.
 */
class EveryEventShapeTest {

    /** What our own fixtures must give: records, aggregated, rejected, duplicates. */
    private static final Map<String, List<Integer>> EXPECTED = Map.of(
            "kafka-bom-no-key-mismatched-group.json", List.of(1, 1, 0, 0),
            "kafka-empty-records.json", List.of(0, 0, 0, 0),
            "kafka-no-records-field.json", List.of(0, 0, 0, 0),
            "kafka-no-event-source.json", List.of(1, 1, 0, 0),
            "kafka-headers-as-base64-strings.json", List.of(1, 1, 0, 0),
            "kafka-binary-duplicate-offset-pretty-json.json", List.of(3, 1, 1, 1),
            "kafka-conflicting-records-at-one-offset.json", List.of(4, 1, 2, 1));

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static ConsumerHandler consumer;
    private static ProducerHandler producer;

    @BeforeAll
    static void start() {
        SERVICES.kafka().createTopic("telemetry", 3);
        ConsumerSettings settings = new ConsumerSettings(
                "aggregates",
                "rejects",
                Duration.ofSeconds(60),
                EmbeddedDynamoDb.REGION,
                Optional.of(SERVICES.dynamoDb().endpoint()));
        Tables.createBoth(SERVICES.dynamo(), settings.aggregatesTable(), settings.rejectsTable());
        consumer = new ConsumerHandler(settings, SERVICES.dynamo(), Clock.systemUTC());
        producer = new ProducerHandler(
                ProducerSettings.from(new ConfigSource(Map.of(
                        "BOOTSTRAP_SERVERS",
                        SERVICES.kafka().bootstrapServers(),
                        "AUTH_MODE",
                        "none",
                        "PAYLOAD",
                        "telemetry",
                        "BATCH_SIZE",
                        "5",
                        "BATCH_INTERVAL_MS",
                        "250",
                        "MAX_RUN_SEC",
                        "1"))),
                ProducerFactory.KAFKA,
                Clock.systemUTC(),
                new SplittableRandom(5));
    }

    @AfterAll
    static void stop() {
        producer.close();
        consumer.close();
    }

    static Stream<Path> kafkaEvents() {
        return eventFiles().filter(EveryEventShapeTest::isKafkaEvent);
    }

    static Stream<Path> scheduledEvents() {
        return eventFiles().filter(file -> !isKafkaEvent(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaEvents")
    void theConsumerTakesEveryKafkaEventShape(Path file) {
        KafkaEvent event = LambdaSerialization.fromJson(file, KafkaEvent.class);

        ConsumeReport report =
                consumer.handleRequest(event, LocalContext.of("ConsumerFunction", Duration.ofSeconds(30)));

        int records = event.getRecords() == null
                ? 0
                : event.getRecords().values().stream().mapToInt(List::size).sum();
        assertThat(report.records()).isEqualTo(records);
        assertThat(report.aggregated() + report.rejected() + report.duplicates())
                .isEqualTo(records);
        List<Integer> expected = EXPECTED.get(file.getFileName().toString());
        if (expected != null) {
            assertThat(List.of(report.records(), report.aggregated(), report.rejected(), report.duplicates()))
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scheduledEvents")
    void theProducerRunsOnEveryScheduledEventShape(Path file) {
        ScheduledEvent event = LambdaSerialization.fromJson(file, ScheduledEvent.class);

        ProduceReport report =
                producer.handleRequest(event, LocalContext.of("ProducerFunction", Duration.ofSeconds(30)));

        assertThat(report.sent()).isPositive().isEqualTo(report.attempted());
        assertThat(report.shard()).isEqualTo("0/1");
    }

    private static Stream<Path> eventFiles() {
        List<Path> files = new ArrayList<>(list(fixtures()));
        String shared = System.getProperty("real.events.dir");
        if (shared != null && Files.isDirectory(Path.of(shared))) {
            files.addAll(list(Path.of(shared)));
        }
        return files.stream();
    }

    private static Path fixtures() {
        try {
            return Path.of(EveryEventShapeTest.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isKafkaEvent(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.contains("\"records\"") || text.contains("\"eventSource\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
