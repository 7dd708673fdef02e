package io.msklambda.tests.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.consumer.ConsumeReport;
import io.msklambda.consumer.ConsumerHandler;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.dynamodb.Tables;
import io.msklambda.local.faults.CrashingDynamoDb;
import io.msklambda.local.lambda.LambdaSerialization;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.local.trigger.MskEventJson;
import io.msklambda.model.DecodeResult;
import io.msklambda.model.JsonCodec;
import io.msklambda.tests.support.GroundTruth;
import io.msklambda.tests.support.LocalServices;
import io.msklambda.tests.support.StoredItems;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: whatever the delivery schedule — random batch boundaries, redelivery of committed ranges with
 * shifted boundaries, crashes before or after an item write, environments that come and go or alternate —
 * the aggregates end equal to the brute-force statistics of the distinct records, item by item. Environments
 * write with one thread or several (then which write a crash hits depends on thread timing).
 */
class ReplaySafetyTest {

    private static final int SCHEDULES = 40;
    private static final long WINDOW_SECONDS = 10;
    private static final Instant START = Instant.parse("2026-03-09T21:04:55Z");
    private static final MskEventJson EVENTS = new MskEventJson(
            "arn:aws:kafka:us-east-1:123456789012:cluster/test/11111111-2222-3333-4444-555555555555-1",
            "127.0.0.1:9092");

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    static List<Long> seeds() {
        return new SplittableRandom(20261122).longs(SCHEDULES).boxed().collect(Collectors.toList());
    }

    /** One partition's records and how far the trigger has committed it. */
    private static final class Partition {
        final List<ConsumerRecord<byte[], byte[]>> records;
        int committed;

        Partition(List<ConsumerRecord<byte[], byte[]>> records) {
            this.records = records;
        }
    }

    @ParameterizedTest(name = "schedule {index}")
    @MethodSource("seeds")
    void aggregatesEqualTheBruteForceAfterAnyDeliverySchedule(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String suffix = Long.toHexString(seed);
        ConsumerSettings settings = new ConsumerSettings(
                "aggregates-" + suffix,
                "rejects-" + suffix,
                Duration.ofSeconds(WINDOW_SECONDS),
                EmbeddedDynamoDb.REGION,
                Optional.of(SERVICES.dynamoDb().endpoint()));
        Tables.createBoth(SERVICES.dynamo(), settings.aggregatesTable(), settings.rejectsTable());

        List<Partition> partitions = topics(random);
        ConsumerSettings concurrent = new ConsumerSettings(
                settings.aggregatesTable(),
                settings.rejectsTable(),
                settings.window(),
                settings.region(),
                settings.dynamodbEndpoint(),
                1 + random.nextInt(4));
        List<Environment> environments =
                new ArrayList<>(List.of(new Environment(settings), new Environment(concurrent)));
        int invocations = 0;
        while (partitions.stream().anyMatch(p -> p.committed < p.records.size())) {
            if (++invocations > 5_000) {
                throw new AssertionError("the schedule did not finish");
            }
            if (random.nextInt(10) == 0) {
                int replaced = random.nextInt(environments.size());
                environments.set(replaced, new Environment(replaced == 0 ? settings : concurrent)); // cache lost
            }
            Environment environment = environments.get(random.nextInt(environments.size()));
            deliverOneBatch(random, partitions, environment);
        }

        List<byte[]> distinct = partitions.stream()
                .flatMap(p -> p.records.stream())
                .map(ConsumerRecord::value)
                .collect(Collectors.toList());
        assertThat(StoredItems.aggregates(SERVICES.dynamo(), settings.aggregatesTable()))
                .isEqualTo(GroundTruth.of(distinct, WINDOW_SECONDS));
        Set<String> expectedRejects = new HashSet<>();
        partitions.forEach(p -> p.records.stream()
                .filter(r -> JsonCodec.decode(r.value()) instanceof DecodeResult.Rejected)
                .forEach(r -> expectedRejects.add(r.topic() + "-" + r.partition() + "@" + r.offset())));
        assertThat(StoredItems.rejects(SERVICES.dynamo(), settings.rejectsTable())
                        .keySet())
                .isEqualTo(expectedRejects);
    }

    /** One function environment: its own handler (and cache) over a client that can crash it. */
    private static final class Environment {
        final CrashingDynamoDb client = new CrashingDynamoDb(SERVICES.dynamo());
        final ConsumerHandler handler;

        Environment(ConsumerSettings settings) {
            handler = new ConsumerHandler(settings, client, Clock.systemUTC());
        }
    }

    private static void deliverOneBatch(SplittableRandom random, List<Partition> partitions, Environment environment) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            Partition partition = partitions.get(i);
            boolean replay = partition.committed > 0 && random.nextInt(5) == 0;
            if (partition.committed == partition.records.size() && !replay || random.nextInt(3) == 0) {
                continue;
            }
            int from = replay ? random.nextInt(partition.committed + 1) : partition.committed;
            int to = Math.min(partition.records.size(), from + 1 + random.nextInt(30));
            batch.addAll(partition.records.subList(from, to));
            ranges.add(new int[] {i, to});
        }
        if (batch.isEmpty()) {
            return;
        }
        boolean crash = random.nextInt(4) == 0;
        if (crash) {
            environment.client.crashAtWrite(random.nextInt(6), random.nextBoolean());
        }
        KafkaEvent event = LambdaSerialization.fromJson(EVENTS.write(batch), KafkaEvent.class);
        try {
            ConsumeReport report = environment.handler.handleRequest(
                    event, LocalContext.of("ConsumerFunction", Duration.ofSeconds(30)));
            assertThat(report.records()).isEqualTo(batch.size());
            for (int[] range : ranges) {
                Partition partition = partitions.get(range[0]);
                partition.committed = Math.max(partition.committed, range[1]);
            }
        } catch (CrashingDynamoDb.InjectedCrash expected) {
            // nothing is committed: the trigger redelivers from the committed offsets
        } finally {
            environment.client.disarm();
        }
    }

    /** Telemetry on 1–3 partitions and orders on 1–2, over a few windows, with about 5% bad records. */
    private static List<Partition> topics(SplittableRandom random) {
        List<Partition> partitions = new ArrayList<>();
        int telemetryPartitions = 1 + random.nextInt(3);
        for (int p = 0; p < telemetryPartitions; p++) {
            partitions.add(new Partition(records(
                    random,
                    "telemetry",
                    p,
                    () -> String.format(
                            Locale.ROOT,
                            "{\"device_id\":%d,\"timestamp\":%d,\"temperature\":%s}",
                            1 + random.nextInt(6),
                            time(random),
                            random.nextInt(4) == 0
                                    ? String.valueOf(random.nextDouble(-10, 45))
                                    : String.format(Locale.ROOT, "%.1f", random.nextDouble(20, 40))))));
        }
        int orderPartitions = 1 + random.nextInt(2);
        for (int p = 0; p < orderPartitions; p++) {
            partitions.add(new Partition(records(
                    random,
                    "orders",
                    p,
                    () -> String.format(
                            Locale.ROOT,
                            "{\"order_id\":\"o-%d\",\"ordered_at\":%d,\"user_id\":\"u\",\"items\":[{\"product_id\":1,\"quantity\":%d}]}",
                            random.nextInt(),
                            time(random),
                            1 + random.nextInt(10)))));
        }
        return partitions;
    }

    private static long time(SplittableRandom random) {
        return START.toEpochMilli() + random.nextLong(3 * WINDOW_SECONDS * 1000);
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(
            SplittableRandom random, String topic, int partition, java.util.function.Supplier<String> json) {
        int count = 20 + random.nextInt(60);
        long firstOffset = random.nextInt(1_000);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = random.nextInt(20) == 0 ? "not json " + i : json.get();
            records.add(new ConsumerRecord<>(
                    topic,
                    partition,
                    firstOffset + i,
                    START.toEpochMilli(),
                    TimestampType.CREATE_TIME,
                    -1,
                    value.length(),
                    null,
                    value.getBytes(StandardCharsets.UTF_8),
                    new RecordHeaders(),
                    Optional.empty()));
        }
        return records;
    }
}
