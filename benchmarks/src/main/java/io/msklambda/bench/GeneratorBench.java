package io.msklambda.bench;

import io.msklambda.model.ConfigSource;
import io.msklambda.producer.PayloadKind;
import io.msklambda.producer.ProducerSettings;
import io.msklambda.producer.RecordGenerator;
import io.msklambda.producer.Shard;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The producer's generators alone, on one thread: records made and serialized to key and value JSON bytes per
 * second, their size, and the bytes the JVM allocated per record (the thread's own allocation counter). The
 * best of a few rounds after a warm-up, so the JIT has compiled the path.
 */
public final class GeneratorBench {

    /** One payload's figures. */
    public record Figures(
            PayloadKind payload, double recordsPerSecond, double bytesPerRecord, double allocatedBytesPerRecord) {}

    private final int records;
    private final int rounds;

    public GeneratorBench(int records, int rounds) {
        this.records = records;
        this.rounds = rounds;
    }

    public List<Figures> run(PrintWriter out) {
        List<Figures> all = new ArrayList<>();
        for (PayloadKind payload : PayloadKind.values()) {
            RecordGenerator generator = RecordGenerator.forSettings(
                    ProducerSettings.from(
                            new ConfigSource(Map.of("BOOTSTRAP_SERVERS", "127.0.0.1:9092", "PAYLOAD", payload.name()))),
                    new SplittableRandom(1));
            measure(generator, records); // warm-up
            Figures best = null;
            for (int round = 0; round < rounds; round++) {
                Figures figures = measure(generator, records);
                figures = new Figures(
                        payload,
                        figures.recordsPerSecond(),
                        figures.bytesPerRecord(),
                        figures.allocatedBytesPerRecord());
                if (best == null || figures.recordsPerSecond() > best.recordsPerSecond()) {
                    best = figures;
                }
            }
            all.add(best);
        }
        out.printf("generator, one thread, %,d records per round, best of %d rounds%n", records, rounds);
        out.printf("%-10s %14s %14s %20s%n", "payload", "records/s", "bytes/record", "allocated bytes/rec");
        for (Figures f : all) {
            out.printf(
                    Locale.ROOT,
                    "%-10s %,14.0f %14.1f %20.1f%n",
                    f.payload().name().toLowerCase(Locale.ROOT),
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
            bytes += record.key().length + record.value().length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        return new Figures(null, records / seconds, (double) bytes / records, (double) allocated / records);
    }
}
