package io.msklambda.producer;

import static io.msklambda.producer.ProducerSettings.BOOTSTRAP_SERVERS;
import static io.msklambda.producer.ProducerSettings.ORDER_ITEMS_FORMAT;
import static io.msklambda.producer.ProducerSettings.PAYLOAD;

import io.msklambda.model.ConfigSource;
import io.msklambda.producer.spec.PayloadSpec;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The producer's record generator on one thread, in records per second: one operation is one
 * {@link RecordGenerator#next} call, a record made and serialized to its key and value JSON bytes, the
 * {@code ProducerRecord} the handler hands to {@code send}. Sending is not part of it.
 *
 * <p>The generator is built as the handler builds it, from function variables ({@link ProducerSettings#from})
 * and a {@link SplittableRandom} (seeded, so every run draws the same records); {@code shape} picks the variables:
 * <ul>
 *   <li>{@code orders}: {@code PAYLOAD=ORDERS}, items as a JSON array ({@code ORDER_ITEMS_FORMAT=ARRAY});</li>
 *   <li>{@code ordersItemsAsString}: the same orders, items as a JSON string ({@code ORDER_ITEMS_FORMAT=STRING},
 *       for Athena's MSK connector);</li>
 *   <li>{@code telemetry}: {@code PAYLOAD=TELEMETRY}, the default 100 devices, one shard;</li>
 *   <li>{@code ordersSpec}, {@code telemetrySpec}: the same records made by the spec interpreter from the built-in
 *       specs ({@code specs/orders.json}, {@code specs/telemetry.json}), byte for byte the same streams.</li>
 * </ul>
 * Event time advances one millisecond every {@value #RECORDS_PER_MILLI} records, about what a generator at a
 * million records a second sees on a real clock, and the same in every run: the codec formats a timestamp once
 * per millisecond, so a new millisecond per record would measure the formatter, and a fixed one would hide it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GeneratorBenchmark {

    static final int RECORDS_PER_MILLI = 1_024;
    private static final long START_MILLIS =
            Instant.parse("2026-03-09T21:05:00Z").toEpochMilli();
    /** Required by the settings; the generator never connects. */
    private static final String NEVER_CONNECTED = "127.0.0.1:9092";

    @Param({"orders", "ordersItemsAsString", "telemetry", "ordersSpec", "telemetrySpec"})
    public String shape;

    private RecordGenerator generator;
    private long records;

    @Setup
    public void setUp() {
        generator = switch (shape) {
            case "ordersSpec" ->
                PayloadSpec.orders(io.msklambda.model.ItemsFormat.ARRAY).generator("orders", new SplittableRandom(1));
            case "telemetrySpec" -> PayloadSpec.telemetry(100).generator("telemetry", new SplittableRandom(1));
            default ->
                RecordGenerator.forSettings(
                        ProducerSettings.from(new ConfigSource(variables(shape))), new SplittableRandom(1));
        };
    }

    @Benchmark
    public void next(Blackhole out) {
        out.consume(generator.next(Shard.ALL, START_MILLIS + records++ / RECORDS_PER_MILLI));
    }

    /** The function variables of one shape, as the Lambda's environment holds them. */
    static Map<String, String> variables(String shape) {
        return switch (shape) {
            case "orders" -> Map.of(BOOTSTRAP_SERVERS, NEVER_CONNECTED, PAYLOAD, "ORDERS", ORDER_ITEMS_FORMAT, "ARRAY");
            case "ordersItemsAsString" ->
                Map.of(BOOTSTRAP_SERVERS, NEVER_CONNECTED, PAYLOAD, "ORDERS", ORDER_ITEMS_FORMAT, "STRING");
            case "telemetry" -> Map.of(BOOTSTRAP_SERVERS, NEVER_CONNECTED, PAYLOAD, "TELEMETRY");
            default ->
                throw new IllegalArgumentException(
                        "shape " + shape + " is not one of orders, ordersItemsAsString, telemetry");
        };
    }
}
