package io.msklambda.local.bench;

import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.lambda.FunctionOutput;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.model.ConfigSource;
import io.msklambda.producer.ProduceReport;
import io.msklambda.producer.ProducerFactory;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.ProducerSettings;
import io.msklambda.producer.RecordGenerator;
import io.msklambda.producer.Shard;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * One full-speed producer invocation against Apache Kafka's own {@code ProducerPerformance}, on the same
 * embedded broker, topic layout (3 partitions, a fresh topic per run), producer settings and record sizes (its
 * payload file holds {@value #PAYLOADS} of our generated orders, so that a batch rarely holds the same order twice:
 * repeated records would compress far better than real ones), alternating in one process; then 5 concurrent
 * invocations.
 */
public final class ProducerBench {

    /** One side's figures for one compression. */
    public record Figures(String name, String compression, long records, double recordsPerSecond, double megabytesPerSecond) {
    }

    static final int PAYLOADS = 100_000;
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)");
    private static final List<String> COMPRESSIONS = List.of("none", "lz4");
    /** The settings both sides use: what DESIGN.md's reference figures were measured with. */
    private static final Map<String, String> SETTINGS = Map.of("acks", "all", "enable.idempotence", "true",
            "linger.ms", "5", "batch.size", "65536");

    private final int seconds;
    private final int rounds;
    private int topics;

    public ProducerBench(int seconds, int rounds) {
        this.seconds = seconds;
        this.rounds = rounds;
    }

    public List<Figures> run(PrintWriter out) throws Exception {
        List<Figures> results = new ArrayList<>();
        try (FunctionOutput hidden = FunctionOutput.hiddenUnless(false); EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Path payloads = payloadFile();
            for (String compression : COMPRESSIONS) {
                Figures ours = null;
                Figures theirs = null;
                for (int round = 0; round < rounds; round++) {
                    Figures o = ours(kafka, compression);
                    Figures t = producerPerformance(kafka, compression, o.records(), payloads);
                    ours = ours == null || o.recordsPerSecond() > ours.recordsPerSecond() ? o : ours;
                    theirs = theirs == null || t.recordsPerSecond() > theirs.recordsPerSecond() ? t : theirs;
                }
                results.add(ours);
                results.add(theirs);
            }
            results.add(concurrent(kafka, 5));
            Files.deleteIfExists(payloads);
        }
        print(out, results);
        return results;
    }

    private Figures ours(EmbeddedKafka kafka, String compression) {
        String topic = topic(kafka);
        try (ProducerHandler handler = handler(kafka, topic, compression)) {
            ProduceReport report = handler.handleRequest(new ScheduledEvent(),
                    new LocalContext("ProducerFunction", Duration.ofSeconds(seconds + 15L), 512, FunctionOutput.DISCARD));
            return figures("producer (ours)", compression, report.sent(), report.bytesSent(), report.elapsedMillis());
        }
    }

    private Figures concurrent(EmbeddedKafka kafka, int invocations) {
        String topic = topic(kafka);
        List<CompletableFuture<ProduceReport>> running = new ArrayList<>();
        for (int shard = 0; shard < invocations; shard++) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try (ProducerHandler handler = handler(kafka, topic, "none")) {
                    return handler.handleRequest(new ScheduledEvent(), new LocalContext("ProducerFunction",
                            Duration.ofSeconds(seconds + 15L), 512, FunctionOutput.DISCARD));
                }
            }));
        }
        List<ProduceReport> reports = running.stream().map(CompletableFuture::join).toList();
        long sent = reports.stream().mapToLong(ProduceReport::sent).sum();
        long bytes = reports.stream().mapToLong(ProduceReport::bytesSent).sum();
        long elapsed = reports.stream().mapToLong(ProduceReport::elapsedMillis).max().orElse(1);
        return figures(invocations + " concurrent invocations", "none", sent, bytes, elapsed);
    }

    private ProducerHandler handler(EmbeddedKafka kafka, String topic, String compression) {
        Map<String, String> env = new HashMap<>(Map.of("BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "TOPIC_NAME", topic,
                "PAYLOAD", "orders", "AUTH_MODE", "none", "BATCH_INTERVAL_MS", "0", "BATCH_SIZE", "1000",
                "MAX_RUN_SEC", Integer.toString(seconds), "KAFKA_COMPRESSION_TYPE", compression));
        SETTINGS.forEach((name, value) -> {
            if (!name.equals("acks") && !name.equals("enable.idempotence")) { // the function always sets these
                env.put("KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_'), value);
            }
        });
        return new ProducerHandler(ProducerSettings.from(new ConfigSource(env)), ProducerFactory.KAFKA,
                Clock.systemUTC(), new SplittableRandom(topics));
    }

    private Figures producerPerformance(EmbeddedKafka kafka, String compression, long records, Path payloads)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--topic", topic(kafka), "--num-records", Long.toString(records),
                "--throughput", "-1", "--payload-file", payloads.toString(), "--producer-props",
                "bootstrap.servers=" + kafka.bootstrapServers(), "compression.type=" + compression));
        SETTINGS.forEach((name, value) -> args.add(name + "=" + value));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream standardOut = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ProducerPerformance.main(args.toArray(String[]::new));
        } finally {
            System.setOut(standardOut);
        }
        Matcher summary = SUMMARY.matcher(captured.toString(StandardCharsets.UTF_8));
        Figures last = null;
        while (summary.find()) {
            last = new Figures("ProducerPerformance", compression, Long.parseLong(summary.group(1)),
                    Double.parseDouble(summary.group(2)), Double.parseDouble(summary.group(3)));
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary: " + captured);
        }
        return last;
    }

    private String topic(EmbeddedKafka kafka) {
        String topic = "bench-" + topics++;
        kafka.createTopic(topic, 3);
        return topic;
    }

    private static Figures figures(String name, String compression, long records, long bytes, long millis) {
        double seconds = Math.max(1, millis) / 1000.0;
        return new Figures(name, compression, records, records / seconds, bytes / seconds / (1024 * 1024));
    }

    /** Generated orders, one per line: ProducerPerformance sends them in random order. */
    private static Path payloadFile() {
        RecordGenerator orders = RecordGenerator.forSettings(ProducerSettings.from(new ConfigSource(Map.of(
                "BOOTSTRAP_SERVERS", "127.0.0.1:9092"))), new SplittableRandom(7));
        StringBuilder lines = new StringBuilder();
        long now = System.currentTimeMillis();
        for (int i = 0; i < PAYLOADS; i++) {
            lines.append(new String(orders.next(Shard.ALL, now).value(), StandardCharsets.UTF_8)).append('\n');
        }
        try {
            Path file = Files.createTempFile("orders-payload", ".txt");
            Files.writeString(file, lines);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void print(PrintWriter out, List<Figures> results) {
        out.printf("producer, one full-speed invocation vs ProducerPerformance, %d s runs, best of %d, orders, "
                + "acks=all, idempotent, linger.ms=5, batch.size=64 KB, 3 partitions%n", seconds, rounds);
        out.printf("%-26s %-11s %14s %10s%n", "", "compression", "records/s", "MB/s");
        for (Figures f : results) {
            out.printf(Locale.ROOT, "%-26s %-11s %,14.0f %10.1f%n", f.name(), f.compression(), f.recordsPerSecond(),
                    f.megabytesPerSecond());
        }
        for (int i = 0; i + 1 < results.size() - 1; i += 2) {
            double ratio = results.get(i).recordsPerSecond() / results.get(i + 1).recordsPerSecond();
            out.printf(Locale.ROOT, "ratio ours / ProducerPerformance (%s): %.2f; target >= 0.9: %s%n",
                    results.get(i).compression(), ratio, ratio >= 0.9 ? "met" : "missed");
        }
    }
}
