package io.msklambda.tests.teammodule;

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
import io.msklambda.local.trigger.MskEventJson;
import io.msklambda.model.ConfigSource;
import io.msklambda.model.DecodeResult;
import io.msklambda.model.Observed;
import io.msklambda.model.Reading;
import io.msklambda.model.RecordObserver;
import io.msklambda.model.RejectReason;
import io.msklambda.producer.ProduceReport;
import io.msklambda.producer.ProducerFactory;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.ProducerSettings;
import io.msklambda.producer.RecordGenerator;
import io.msklambda.producer.Shard;
import io.msklambda.tests.support.DynamoDbLocalCredentials;
import io.msklambda.tests.support.LocalServices;
import io.msklambda.tests.support.StoredItems;
import io.msklambda.tests.support.TopicContents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A team's own module, as README "Your own generator in Java" and "Aggregating your own records" describe it: payments
 * written as CSV lines (a shape no spec says, and no JSON Pointer reads), a generator that makes them and an observer
 * that reads them, handed to the handlers' constructors. End to end through a real broker and DynamoDB Local: the
 * stored windows are the exact sums of the lines, and a line the observer cannot read is a reject with its reason.
 */
@ExtendWith(DynamoDbLocalCredentials.class)
class TeamModuleTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static final MskEventJson EVENTS = new MskEventJson(
            "arn:aws:kafka:us-east-1:123456789012:cluster/test/11111111-2222-3333-4444-555555555555-1",
            "127.0.0.1:9092");

    /** The team's generator: {@code merchant,amount,paid_at} with the merchant as key. */
    static final class PaymentGenerator implements RecordGenerator {
        private final String topic;
        private RandomGenerator random;

        PaymentGenerator(String topic, RandomGenerator random) {
            this.topic = topic;
            this.random = random;
        }

        @Override
        public ProducerRecord<byte[], byte[]> next(Shard shard, long nowMillis) {
            String merchant = "m-" + (1 + random.nextInt(3));
            BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(100_000), 2);
            String line = merchant + "," + amount.toPlainString() + "," + nowMillis;
            return new ProducerRecord<>(topic, bytes(merchant), bytes(line));
        }

        @Override
        public void reseed(RandomGenerator random) {
            this.random = random;
        }
    }

    /** The team's observer: the line's three columns, or a reject saying which is wrong. */
    static final class PaymentObserver implements RecordObserver {
        @Override
        public Observed observe(byte[] key, byte[] value) {
            String[] columns = new String(value, StandardCharsets.UTF_8).split(",", -1);
            if (columns.length != 3 || !columns[2].matches("\\d{1,15}")) {
                return new DecodeResult.Rejected(RejectReason.WRONG_TYPE, "not merchant,amount,paid_at millis");
            }
            return new Reading(
                    columns[0], Instant.ofEpochMilli(Long.parseLong(columns[2])), new BigDecimal(columns[1]));
        }
    }

    @Test
    void aTeamsGeneratorAndObserverRunThroughTheHandlersAndStoreTheExactSums() {
        // Given the team's producer handler, publishing to a real broker for a second
        String name = "team-" + UUID.randomUUID().toString().substring(0, 8);
        SERVICES.kafka().createTopic(name, 2);
        ProducerHandler producer = new ProducerHandler(
                producerSettings(name),
                ProducerFactory.KAFKA,
                Clock.systemUTC(),
                new SplittableRandom(17),
                (settings, random) -> new PaymentGenerator(settings.topic(), random));
        ProduceReport produced;
        try {
            produced =
                    producer.handleRequest(new ScheduledEvent(), LocalContext.of("Producer", Duration.ofSeconds(30)));
        } finally {
            producer.close();
        }
        publish(name, "m-1,12.50,yesterday");

        // When the team's consumer handler reads the topic as the MSK trigger delivers it
        List<ConsumerRecord<byte[], byte[]>> records =
                TopicContents.readAll(SERVICES.kafka().bootstrapServers(), name);
        ConsumerSettings settings = new ConsumerSettings(
                name + "-aggregates",
                name + "-rejects",
                Duration.ofSeconds(60),
                EmbeddedDynamoDb.REGION,
                Optional.of(SERVICES.dynamoDb().endpoint()),
                2);
        Tables.createBoth(SERVICES.dynamo(), settings.aggregatesTable(), settings.rejectsTable());
        ConsumerHandler consumer =
                new ConsumerHandler(settings, SERVICES.dynamo(), Clock.systemUTC(), new PaymentObserver());
        KafkaEvent event = LambdaSerialization.fromJson(EVENTS.write(records), KafkaEvent.class);
        ConsumeReport report = consumer.handleRequest(event, LocalContext.of("Consumer", Duration.ofSeconds(60)));

        // Then each merchant's window holds the exact sum of its lines, and the bad line is a reject with its reason
        assertThat(produced.sent()).isPositive();
        assertThat(records).hasSize((int) produced.sent() + 1);
        assertThat(report.rejected()).isEqualTo(1);
        Map<String, BigDecimal> sums = new TreeMap<>();
        StoredItems.aggregates(SERVICES.dynamo(), settings.aggregatesTable())
                .forEach((item, stats) -> sums.put(item, stats.sum().stripTrailingZeros()));
        assertThat(sums).isEqualTo(expectedSums(records));
        assertThat(StoredItems.rejects(SERVICES.dynamo(), settings.rejectsTable())
                        .values())
                .singleElement()
                .satisfies(reject -> assertThat(reject.get("detail").s()).contains("not merchant,amount,paid_at"));
    }

    /** The sums the lines add up to, per {@code merchant@window}, worked out here from the lines themselves. */
    private static Map<String, BigDecimal> expectedSums(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8).split(","))
                .filter(columns -> !columns[2].equals("yesterday"))
                .collect(Collectors.groupingBy(
                        columns -> columns[0] + "@"
                                + Instant.ofEpochMilli(Long.parseLong(columns[2]))
                                        .truncatedTo(ChronoUnit.MINUTES),
                        TreeMap::new,
                        Collectors.collectingAndThen(
                                Collectors.reducing(
                                        BigDecimal.ZERO, columns -> new BigDecimal(columns[1]), BigDecimal::add),
                                BigDecimal::stripTrailingZeros)));
    }

    private static ProducerSettings producerSettings(String topic) {
        return ProducerSettings.from(new ConfigSource(Map.of(
                ProducerSettings.BOOTSTRAP_SERVERS,
                SERVICES.kafka().bootstrapServers(),
                ProducerSettings.TOPIC_NAME,
                topic,
                ProducerSettings.AUTH_MODE,
                "none",
                "BATCH_INTERVAL_MS",
                "100",
                "BATCH_SIZE",
                "20",
                "MAX_RUN_SEC",
                "1")));
    }

    private static void publish(String topic, String line) {
        try (KafkaProducer<byte[], byte[]> client = new KafkaProducer<>(
                Map.of("bootstrap.servers", SERVICES.kafka().bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            client.send(new ProducerRecord<>(topic, bytes("m-1"), bytes(line))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the bad line", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
