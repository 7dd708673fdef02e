package io.msklambda.bench;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.consumer.ConsumeReport;
import io.msklambda.consumer.ConsumerHandler;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.dynamodb.Tables;
import io.msklambda.local.lambda.FunctionOutput;
import io.msklambda.local.lambda.LambdaSerialization;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.trigger.MskEventJson;
import io.msklambda.local.trigger.RetryBackoff;
import io.msklambda.model.ItemsFormat;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.Order;
import io.msklambda.model.OrderItem;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The hot item under concurrency: N partitions of orders in flight, all in one window, driven as the MSK trigger drives
 * them. Each partition has its own execution environment (its own {@link ConsumerHandler} and DynamoDB client) on its
 * own thread, and gets its batches one at a time, in offset order; the partitions run at once. A batch that fails is
 * retried whole after the local trigger's backoff ({@link RetryBackoff#DEFAULT}), as the trigger does
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-configure.html: partitions read in order, a failed batch
 * retried whole). DynamoDB Local is reached over HTTP, through the SDK's whole path.
 *
 * <p>Conflicts are what the consumer reports ({@link ConsumeReport#conflicts()}, also its {@code Conflicts} metric).
 * A batch that fails on conflicts has no report; its error names the attempts it lost ("changed under 10 attempts"),
 * and since every batch here touches one item, those are its conflicts, added to the count.
 */
public final class HotItemBench {

    /** What N partitions in flight did. */
    public record Figures(
            int partitions,
            int batches,
            long records,
            long conflicts,
            int failedInvocations,
            int conflictFailures,
            double seconds) {

        /** Per batch delivered, failed attempts included. */
        public double conflictsPerBatch() {
            return (double) conflicts / batches;
        }

        /** Every record once, over the time from the first batch to the last partition's end, retries included. */
        public double recordsPerSecond() {
            return records / seconds;
        }
    }

    /** One partition's account. */
    private record Tally(long conflicts, int failedInvocations, int conflictFailures) {
        Tally plus(Tally other) {
            return new Tally(
                    conflicts + other.conflicts,
                    failedInvocations + other.failedInvocations,
                    conflictFailures + other.conflictFailures);
        }
    }

    private static final Pattern LOST_ATTEMPTS = Pattern.compile("changed under (\\d+) attempts");
    private static final Instant WINDOW = Instant.parse("2026-03-09T21:05:00Z");
    private static final int WINDOW_SECONDS = 60;
    /** Past this many retries of one batch, something other than contention is wrong: stop rather than spin. */
    private static final int MAX_RETRIES = 100;

    private static final MskEventJson EVENTS =
            new MskEventJson("arn:aws:kafka:us-east-1:123456789012:cluster/bench/x-1", "127.0.0.1:9092");

    private final List<Integer> partitions;
    private final int batches;
    private final int batchSize;

    /**
     * @param partitions each number of partitions in flight to measure, in order
     * @param batches batches per partition
     * @param batchSize orders per batch
     */
    public HotItemBench(List<Integer> partitions, int batches, int batchSize) {
        this.partitions = List.copyOf(partitions);
        this.batches = batches;
        this.batchSize = batchSize;
    }

    /** Measures each number of partitions on a fresh table of one DynamoDB Local, after a warm-up; prints the table. */
    public List<Figures> run(PrintWriter out) throws InterruptedException {
        List<Figures> all = new ArrayList<>();
        // DynamoDB Local without tables: each measurement makes a fresh pair
        try (FunctionOutput hidden = FunctionOutput.hiddenUnless(false);
                LocalStack stack = LocalStack.builder().dynamoDb().start()) {
            EmbeddedDynamoDb dynamoDb = stack.dynamoDb().orElseThrow();
            DynamoDbClient admin = stack.dynamo();
            measure(dynamoDb, admin, 2, "hot-warm-up"); // warms the JIT and DynamoDB Local; not reported
            for (int n : partitions) {
                all.add(measure(dynamoDb, admin, n, "hot-" + n));
            }
        }
        out.printf(
                "hot item: N partitions in flight on one orders window, each its own environment, %d batches of %d "
                        + "orders per partition, into DynamoDB Local over HTTP%n",
                batches, batchSize);
        out.printf(
                "%10s %9s %16s %19s %17s %12s%n",
                "partitions", "batches", "conflicts/batch", "failed invocations", "of them conflicts", "records/s");
        for (Figures f : all) {
            out.printf(
                    "%10d %9d %16.2f %19d %17d %,12.0f%n",
                    f.partitions(),
                    f.batches(),
                    f.conflictsPerBatch(),
                    f.failedInvocations(),
                    f.conflictFailures(),
                    f.recordsPerSecond());
        }
        return all;
    }

    /** The consumer's settings for the table of one measurement, and its rejects table beside it. */
    private static ConsumerSettings settings(EmbeddedDynamoDb dynamoDb, String table) {
        return new ConsumerSettings(
                table,
                table + "-rejects",
                Duration.ofSeconds(WINDOW_SECONDS),
                EmbeddedDynamoDb.REGION,
                Optional.of(dynamoDb.endpoint()));
    }

    private Figures measure(EmbeddedDynamoDb dynamoDb, DynamoDbClient admin, int n, String table)
            throws InterruptedException {
        Tables.createBoth(admin, table, table + "-rejects");
        ConsumerSettings settings = settings(dynamoDb, table);
        List<List<KafkaEvent>> events = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            events.add(events(p));
        }
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Tally>> feeds = new ArrayList<>();
            for (List<KafkaEvent> partition : events) {
                feeds.add(threads.submit(() -> feed(settings, dynamoDb, partition, ready, start)));
            }
            ready.await();
            long begin = System.nanoTime();
            start.countDown();
            Tally total = new Tally(0, 0, 0);
            for (Future<Tally> feed : feeds) {
                total = total.plus(feed.get());
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            return new Figures(
                    n,
                    n * batches,
                    (long) n * batches * batchSize,
                    total.conflicts(),
                    total.failedInvocations(),
                    total.conflictFailures(),
                    seconds);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "a partition's feed failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * One partition's environment, fed its batches in order, each until it goes through. Every environment is made
     * before the clock starts, so that the figures are of a running mapping, not of cold starts.
     */
    private static Tally feed(
            ConsumerSettings settings,
            EmbeddedDynamoDb dynamoDb,
            List<KafkaEvent> events,
            CountDownLatch ready,
            CountDownLatch start)
            throws InterruptedException {
        Tally tally = new Tally(0, 0, 0);
        try (DynamoDbClient client = dynamoDb.client();
                ConsumerHandler handler = new ConsumerHandler(settings, client, Clock.systemUTC())) {
            ready.countDown();
            start.await();
            for (KafkaEvent event : events) {
                tally = tally.plus(deliver(handler, event));
            }
        } finally {
            ready.countDown(); // an environment that could not be made must not keep the others waiting
        }
        return tally;
    }

    private static Tally deliver(ConsumerHandler handler, KafkaEvent event) throws InterruptedException {
        Tally tally = new Tally(0, 0, 0);
        for (int retry = 0; retry <= MAX_RETRIES; retry++) {
            if (retry > 0) {
                TimeUnit.NANOSECONDS.sleep(RetryBackoff.DEFAULT.delay(retry).toNanos());
            }
            try {
                ConsumeReport report = handler.handleRequest(
                        event,
                        new LocalContext("ConsumerFunction", Duration.ofMinutes(1), 512, FunctionOutput.DISCARD));
                return tally.plus(new Tally(report.conflicts(), 0, 0));
            } catch (RuntimeException failed) { // the trigger retries a batch whatever the function's error
                Matcher lost = LOST_ATTEMPTS.matcher(String.valueOf(failed.getMessage()));
                tally = tally.plus(lost.find() ? new Tally(Long.parseLong(lost.group(1)), 1, 1) : new Tally(0, 1, 0));
            }
        }
        throw new IllegalStateException("a batch failed " + (MAX_RETRIES + 1) + " times");
    }

    /** The partition's batches: orders from a seed of its own, all in one window, built as the trigger builds events. */
    private List<KafkaEvent> events(int partition) {
        SplittableRandom random = new SplittableRandom(partition);
        JsonCodec codec = new JsonCodec();
        List<KafkaEvent> events = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                Order order = order(random);
                byte[] value = codec.encode(order, ItemsFormat.ARRAY);
                records.add(new ConsumerRecord<>(
                        "orders",
                        partition,
                        (long) b * batchSize + i,
                        order.orderedAt().toEpochMilli(),
                        TimestampType.CREATE_TIME,
                        -1,
                        value.length,
                        codec.key(order),
                        value,
                        new RecordHeaders(),
                        Optional.empty()));
            }
            events.add(LambdaSerialization.fromJson(EVENTS.write(records), KafkaEvent.class));
        }
        return events;
    }

    private static Order order(SplittableRandom random) {
        List<OrderItem> items = new ArrayList<>();
        for (int line = 0, lines = 1 + random.nextInt(4); line < lines; line++) {
            items.add(new OrderItem(1 + random.nextInt(9_999), 1 + random.nextInt(10)));
        }
        String id = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        return new Order(
                id,
                WINDOW.plusMillis(random.nextInt(WINDOW_SECONDS * 1000)),
                "user" + (1 + random.nextInt(1_000)),
                items);
    }
}
