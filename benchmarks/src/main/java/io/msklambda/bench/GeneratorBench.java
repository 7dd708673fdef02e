package io.msklambda.bench;

import io.msklambda.model.ConfigSource;
import io.msklambda.model.ItemsFormat;
import io.msklambda.producer.PayloadKind;
import io.msklambda.producer.ProducerSettings;
import io.msklambda.producer.RecordGenerator;
import io.msklambda.producer.Shard;
import io.msklambda.producer.spec.PayloadSpec;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The producer's generators alone, on one thread: records made and serialized to key and value JSON bytes per
 * second, their size, and the bytes the JVM allocated per record (the thread's own allocation counter). The
 * best of a few rounds after a warm-up, so the JIT has compiled the path.
 *
 * <p>Rows: each built-in payload as {@code PAYLOAD} makes it (the hand-written generators), the same payload made by
 * the spec interpreter from its built-in spec ({@code spec:orders}, {@code spec:telemetry}: the same bytes, see
 * BENCHMARKS.md "Built-in specs"), and, when a spec is
 * given, {@code custom:<name>}. {@link PayloadKind#CUSTOM} has no row of its own: it needs a spec.
 */
public final class GeneratorBench {

    /** One row's figures; {@code payload} names the row. */
    public record Figures(
            String payload, double recordsPerSecond, double bytesPerRecord, double allocatedBytesPerRecord) {}

    private static final String NEVER_CONNECTED = "127.0.0.1:9092";

    private final int records;
    private final int rounds;
    private final Optional<PayloadSpec> custom;

    public GeneratorBench(int records, int rounds) {
        this(records, rounds, Optional.empty());
    }

    /** With a custom spec's row besides the built-ins'. */
    public GeneratorBench(int records, int rounds, Optional<PayloadSpec> custom) {
        this.records = records;
        this.rounds = rounds;
        this.custom = custom;
    }

    /** The rows, in order: name and a fresh generator. */
    private Map<String, Supplier<RecordGenerator>> rows() {
        Map<String, Supplier<RecordGenerator>> rows = new LinkedHashMap<>();
        for (PayloadKind payload : PayloadKind.values()) {
            if (payload == PayloadKind.CUSTOM) {
                continue; // needs a spec: its row is custom:<name> below
            }
            String name = payload.name().toLowerCase(Locale.ROOT);
            rows.put(
                    name,
                    () -> RecordGenerator.forSettings(
                            ProducerSettings.from(new ConfigSource(
                                    Map.of("BOOTSTRAP_SERVERS", NEVER_CONNECTED, "PAYLOAD", payload.name()))),
                            new SplittableRandom(1)));
        }
        rows.put(
                "spec:orders",
                () -> PayloadSpec.orders(ItemsFormat.ARRAY).generator("orders", new SplittableRandom(1)));
        rows.put("spec:telemetry", () -> PayloadSpec.telemetry(100).generator("telemetry", new SplittableRandom(1)));
        custom.ifPresent(
                spec -> rows.put("custom:" + spec.name(), () -> spec.generator(spec.name(), new SplittableRandom(1))));
        return rows;
    }

    public List<Figures> run(PrintWriter out) {
        List<Figures> all = new ArrayList<>();
        rows().forEach((name, generators) -> {
            RecordGenerator generator = generators.get();
            measure(generator, records); // warm-up
            Figures best = null;
            for (int round = 0; round < rounds; round++) {
                Figures figures = measure(generator, records);
                figures = new Figures(
                        name, figures.recordsPerSecond(), figures.bytesPerRecord(), figures.allocatedBytesPerRecord());
                if (best == null || figures.recordsPerSecond() > best.recordsPerSecond()) {
                    best = figures;
                }
            }
            all.add(best);
        });
        out.printf("generator, one thread, %,d records per round, best of %d rounds%n", records, rounds);
        out.printf("%-20s %14s %14s %20s%n", "payload", "records/s", "bytes/record", "allocated bytes/rec");
        for (Figures f : all) {
            out.printf(
                    Locale.ROOT,
                    "%-20s %,14.0f %14.1f %20.1f%n",
                    f.payload(),
                    f.recordsPerSecond(),
                    f.bytesPerRecord(),
                    f.allocatedBytesPerRecord());
        }
        return all;
    }

    private static Figures measure(RecordGenerator generator, int records) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long now = System.currentTimeMillis();
        long bytes = 0;
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            ProducerRecord<byte[], byte[]> record = generator.next(Shard.ALL, now + (i >> 10));
            bytes += (record.key() == null ? 0 : record.key().length) + record.value().length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        return new Figures(null, records / seconds, (double) bytes / records, (double) allocated / records);
    }
}
