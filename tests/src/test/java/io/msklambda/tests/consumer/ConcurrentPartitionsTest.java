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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hot item under real concurrency: partitions of the {@code orders} topic, all in one window, each fed by its own
 * environment on its own thread at the same time, as the MSK trigger runs them (one batch in flight per partition, in
 * offset order), with redeliveries of shifted boundaries and crashes mid-batch. The window ends equal to the
 * brute-force statistics of each record once, and no partition's write ever conflicts with another's: the only
 * conflicts are the stale beliefs a crash leaves, at most one per crash.
 */
class ConcurrentPartitionsTest {

    private static final int PARTITIONS = 6;
    private static final long WINDOW_SECONDS = 60;
    private static final Instant WINDOW = Instant.parse("2026-03-09T21:05:00Z");
    private static final MskEventJson EVENTS = new MskEventJson(
            "arn:aws:kafka:us-east-1:123456789012:cluster/test/11111111-2222-3333-4444-555555555555-1",
            "127.0.0.1:9092");

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    /** What one partition's feeder saw. */
    private record Feed(int crashes, int conflicts) {}

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void concurrentPartitionsOnOneWindowEndExactWithNoConflictButWhatCrashesLeave(long seed) throws Exception {
        // Given six partitions of orders in one window, and one environment per partition
        String suffix = Long.toHexString(new SplittableRandom(seed).nextLong());
        ConsumerSettings settings = new ConsumerSettings(
                "aggregates-" + suffix,
                "rejects-" + suffix,
                Duration.ofSeconds(WINDOW_SECONDS),
                EmbeddedDynamoDb.REGION,
                Optional.of(SERVICES.dynamoDb().endpoint()),
                1 + new SplittableRandom(seed).nextInt(4));
        Tables.createBoth(SERVICES.dynamo(), settings.aggregatesTable(), settings.rejectsTable());
        SplittableRandom random = new SplittableRandom(seed);
        List<List<ConsumerRecord<byte[], byte[]>>> partitions = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> records(random.split(), p))
                .toList();

        // When every partition is fed at once, with replays and crashes
        List<Feed> feeds = feedConcurrently(settings, partitions, random);

        // Then the window is exact, kept as one item per partition, and only crashes caused conflicts
        List<byte[]> values = partitions.stream()
                .flatMap(List::stream)
                .map(ConsumerRecord::value)
                .toList();
        assertThat(StoredItems.aggregates(SERVICES.dynamo(), settings.aggregatesTable()))
                .isEqualTo(GroundTruth.of(values, WINDOW_SECONDS))
                .containsOnlyKeys("orders@2026-03-09T21:05:00Z");
        assertThat(StoredItems.items(SERVICES.dynamo(), settings.aggregatesTable()))
                .containsOnlyKeys(IntStream.range(0, PARTITIONS)
                        .mapToObj(p -> "orders@2026-03-09T21:05:00Z#orders-" + p)
                        .toList());
        assertThat(StoredItems.rejects(SERVICES.dynamo(), settings.rejectsTable())
                        .keySet())
                .isEqualTo(partitions.stream()
                        .flatMap(List::stream)
                        .filter(r -> JsonCodec.decode(r.value()) instanceof DecodeResult.Rejected)
                        .map(r -> r.topic() + "-" + r.partition() + "@" + r.offset())
                        .collect(Collectors.toSet()));
        assertThat(feeds).allSatisfy(feed -> assertThat(feed.conflicts()).isLessThanOrEqualTo(feed.crashes()));
        assertThat(feeds.stream().mapToInt(Feed::crashes).sum())
                .as("crashes injected")
                .isPositive();
    }

    private static List<Feed> feedConcurrently(
            ConsumerSettings settings, List<List<ConsumerRecord<byte[], byte[]>>> partitions, SplittableRandom random)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(partitions.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Feed>> feeds = new ArrayList<>();
            for (List<ConsumerRecord<byte[], byte[]>> partition : partitions) {
                SplittableRandom own = random.split();
                feeds.add(threads.submit(() -> {
                    start.await();
                    return feed(settings, partition, own);
                }));
            }
            start.countDown();
            List<Feed> results = new ArrayList<>();
            for (Future<Feed> feed : feeds) {
                results.add(feed.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Feeds one partition as the trigger does: from the committed offset, or now and then again from an earlier one
     * with other boundaries; a crash commits nothing and, half the time, costs the environment (and its cache).
     */
    private static Feed feed(
            ConsumerSettings settings, List<ConsumerRecord<byte[], byte[]>> records, SplittableRandom random) {
        Environment environment = new Environment(settings);
        int committed = 0;
        int crashes = 0;
        int conflicts = 0;
        while (committed < records.size()) {
            int from = committed > 0 && random.nextInt(5) == 0 ? random.nextInt(committed + 1) : committed;
            int to = Math.min(records.size(), from + 1 + random.nextInt(25));
            if (random.nextInt(5) == 0) {
                environment.client.crashAtWrite(random.nextInt(2), random.nextBoolean());
            }
            try {
                ConsumeReport report = environment.invoke(records.subList(from, to));
                conflicts += report.conflicts();
                committed = Math.max(committed, to);
            } catch (CrashingDynamoDb.InjectedCrash expected) {
                crashes++;
                if (random.nextBoolean()) {
                    environment.handler.close();
                    environment = new Environment(settings);
                }
            } finally {
                environment.client.disarm();
            }
        }
        environment.handler.close();
        return new Feed(crashes, conflicts);
    }

    /** One function environment: its own handler (and cache) over a client that can crash it. */
    private static final class Environment {
        final CrashingDynamoDb client = new CrashingDynamoDb(SERVICES.dynamo());
        final ConsumerHandler handler;

        Environment(ConsumerSettings settings) {
            handler = new ConsumerHandler(settings, client, Clock.systemUTC());
        }

        ConsumeReport invoke(List<ConsumerRecord<byte[], byte[]>> batch) {
            KafkaEvent event = LambdaSerialization.fromJson(EVENTS.write(batch), KafkaEvent.class);
            return handler.handleRequest(event, LocalContext.of("ConsumerFunction", Duration.ofSeconds(30)));
        }
    }

    /** 150 orders of one partition, all in the window, about 4% of them unreadable. */
    private static List<ConsumerRecord<byte[], byte[]>> records(SplittableRandom random, int partition) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long firstOffset = random.nextInt(1_000);
        for (int i = 0; i < 150; i++) {
            String value = random.nextInt(25) == 0
                    ? "not json " + i
                    : String.format(
                            Locale.ROOT,
                            "{\"order_id\":\"o-%d-%d\",\"ordered_at\":%d,\"user_id\":\"u\",\"items\":[{\"product_id\":1,"
                                    + "\"quantity\":%d},{\"product_id\":2,\"quantity\":%d}]}",
                            partition,
                            i,
                            WINDOW.toEpochMilli() + random.nextLong(WINDOW_SECONDS * 1000),
                            1 + random.nextInt(10),
                            1 + random.nextInt(10));
            records.add(new ConsumerRecord<>(
                    "orders",
                    partition,
                    firstOffset + i,
                    WINDOW.toEpochMilli(),
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
