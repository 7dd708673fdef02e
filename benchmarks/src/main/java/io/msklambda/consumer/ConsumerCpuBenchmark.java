package io.msklambda.consumer;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import io.msklambda.model.ItemsFormat;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.Order;
import io.msklambda.model.OrderItem;
import io.msklambda.model.PointerReader;
import io.msklambda.model.RecordObserver;
import io.msklambda.model.Telemetry;
import io.msklambda.model.TumblingWindows;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The consumer's CPU path on one MSK batch of {@value #BATCH} records, in records per second (each invocation
 * handles the whole batch, counted as {@value #BATCH} operations):
 * <ol>
 *   <li>{@code decode}: each record's base64 value to an observation (window, series, metric);</li>
 *   <li>{@code aggregate}: the decoded observations grouped by item and merged into window statistics;</li>
 *   <li>{@code decodeAndAggregate}: both, from the event, as the handler does before it writes;</li>
 *   <li>{@code buildRequests}: the conditional {@code PutItem} of every item the batch touches, apart.</li>
 * </ol>
 * The batch is what the MSK trigger delivers: base64 of exactly the JSON our producer writes (its codec), telemetry
 * from {@value #DEVICES} devices on a bounded random walk, and orders of 1–4 lines, one minute of event time.
 * {@code shape} picks telemetry, orders (items as an array), or a mix (three readings to one order).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@OperationsPerInvocation(ConsumerCpuBenchmark.BATCH)
public class ConsumerCpuBenchmark {

    static final int BATCH = 500;
    static final int DEVICES = 100;
    private static final Instant START = Instant.parse("2026-03-09T21:05:00Z");

    @Param({"mixed"})
    public String shape;

    /**
     * How records are read: {@code presets} (orders and telemetry by shape), or {@code pointers}, the
     * {@code SERIES_FIELD}/{@code VALUE_FIELD}/{@code TIME_FIELD} reader set for telemetry (use with
     * {@code shape=telemetry}: an order has no {@code /temperature} and would be a reject).
     */
    @Param({"presets"})
    public String reader;

    private final TumblingWindows windows = TumblingWindows.ofSeconds(60);
    private RecordDecoder decoder;
    private KafkaEvent event;
    private List<RecordOutcome> outcomes;
    private List<AggregateItem> items;
    private AggregateStore store;

    @Setup
    public void setUp() {
        decoder = new RecordDecoder(
                windows,
                reader.equals("pointers")
                        ? new PointerReader("/device_id", "/temperature", "/timestamp", "iso")
                        : RecordObserver.presets());
        event = event(shape);
        outcomes = new ArrayList<>(BATCH);
        event.getRecords().values().forEach(group -> group.forEach(r -> outcomes.add(decoder.decode(r))));
        if (outcomes.stream().anyMatch(Reject.class::isInstance)) {
            throw new IllegalStateException("reader " + reader + " rejects records of shape " + shape);
        }
        items = new ArrayList<>();
        Batch.ofOutcomes(outcomes)
                .contributions()
                .forEach((key, observations) -> items.add(
                        AggregateItem.merge(null, key, observations, START).orElseThrow()));
        store = new AggregateStore(null, "aggregates", windows, Clock.fixed(START, ZoneOffset.UTC), 1);
    }

    @TearDown
    public void tearDown() {
        store.close();
    }

    @Benchmark
    public void decode(Blackhole out) {
        for (List<KafkaEventRecord> group : event.getRecords().values()) {
            for (KafkaEventRecord record : group) {
                out.consume(decoder.decode(record));
            }
        }
    }

    @Benchmark
    public void aggregate(Blackhole out) {
        merge(Batch.ofOutcomes(outcomes), out);
    }

    @Benchmark
    public void decodeAndAggregate(Blackhole out) {
        merge(Batch.of(event, decoder), out);
    }

    @Benchmark
    public void buildRequests(Blackhole out) {
        for (int i = 0; i < items.size(); i++) {
            // every other item as one written before, so both conditions are built
            out.consume(store.conditionalPut(i % 2 == 0 ? null : items.get(i), items.get(i)));
        }
    }

    /** What the store does per item before it builds a request: merge the batch into the item's statistics. */
    private static void merge(Batch batch, Blackhole out) {
        out.consume(batch.rejects());
        batch.contributions()
                .forEach((key, observations) -> out.consume(AggregateItem.merge(null, key, observations, START)));
    }

    /** One trigger event: groups per topic-partition, base64 values of the producer's JSON. */
    static KafkaEvent event(String shape) {
        SplittableRandom random = new SplittableRandom(42);
        JsonCodec codec = new JsonCodec();
        double[] temperatures = new double[DEVICES + 1];
        for (int d = 1; d <= DEVICES; d++) {
            temperatures[d] = 25 + random.nextDouble() * 10;
        }
        Map<String, List<KafkaEventRecord>> groups = new LinkedHashMap<>();
        for (int i = 0; i < BATCH; i++) {
            long millis = START.toEpochMilli() + i * 60_000L / BATCH;
            boolean order = shape.equals("orders") || (shape.equals("mixed") && i % 4 == 3);
            byte[] key;
            byte[] value;
            String topic;
            if (order) {
                Order o = order(random, millis);
                key = codec.key(o);
                value = codec.encode(o, ItemsFormat.ARRAY);
                topic = "orders";
            } else {
                int device = 1 + i % DEVICES;
                // the producer's bounded random walk, in tenths of a degree
                double t = Math.min(35, Math.max(25, temperatures[device] + (2 * random.nextDouble() - 1) * 0.5));
                temperatures[device] = t;
                Telemetry reading = new Telemetry(device, Instant.ofEpochMilli(millis), Math.round(t * 10) / 10.0);
                key = codec.key(reading);
                value = codec.encode(reading);
                topic = "telemetry";
            }
            int partition = i % 3;
            List<KafkaEventRecord> group = groups.computeIfAbsent(topic + "-" + partition, k -> new ArrayList<>());
            group.add(eventRecord(topic, partition, 1000 + i, millis + 3, key, value));
        }
        KafkaEvent event = new KafkaEvent();
        event.setEventSource("aws:kafka");
        event.setRecords(groups);
        return event;
    }

    /** One record of the event as the trigger writes it: key and value base64. */
    private static KafkaEventRecord eventRecord(
            String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        Base64.Encoder base64 = Base64.getEncoder();
        KafkaEventRecord record = new KafkaEventRecord();
        record.setTopic(topic);
        record.setPartition(partition);
        record.setOffset(offset);
        record.setTimestamp(timestamp);
        record.setTimestampType("CREATE_TIME");
        record.setKey(base64.encodeToString(key));
        record.setValue(base64.encodeToString(value));
        record.setHeaders(List.of());
        return record;
    }

    private static Order order(SplittableRandom random, long millis) {
        int lines = 1 + random.nextInt(4);
        List<OrderItem> items = new ArrayList<>(lines);
        for (int l = 0; l < lines; l++) {
            items.add(new OrderItem(1 + random.nextInt(9999), 1 + random.nextInt(10)));
        }
        UUID id = new UUID(
                (random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        return new Order(id.toString(), Instant.ofEpochMilli(millis), "user" + (1 + random.nextInt(1000)), items);
    }
}
