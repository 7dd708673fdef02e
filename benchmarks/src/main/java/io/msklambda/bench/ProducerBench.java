package io.msklambda.bench;

import io.msklambda.model.ConfigSource;
import io.msklambda.producer.ProducerSettings;
import io.msklambda.producer.RecordGenerator;
import io.msklambda.producer.Shard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One full-speed producer invocation against Apache Kafka's own {@code ProducerPerformance}, on the same broker, topic
 * layout (3 partitions, a fresh topic per run), producer settings and record sizes (its payload file holds
 * {@value #PAYLOADS} of our generated orders, so that a batch rarely holds the same order twice: repeated records
 * would compress far better than real ones), alternating; then our producer with its generator thread, and 5
 * concurrent invocations.
 *
 * <p>Measured fairly: the broker runs in a JVM of its own, pinned to a core of its own, and each client side in a
 * fresh JVM pinned to another ({@link BenchJvm.Layout}), so that neither side's work takes CPU from the broker. Beside
 * records/s, each side's CPU time per record says what sending one record costs the client, whatever the broker's
 * speed: ours makes every record (Faker-derived order, JSON), ProducerPerformance replays ready-made payloads.
 */
public final class ProducerBench {

    /** One side's figures for one compression. */
    public record Figures(
            String name,
            String compression,
            long records,
            double recordsPerSecond,
            double megabytesPerSecond,
            double cpuMicrosPerRecord) {}

    static final int PAYLOADS = 100_000;
    private static final Pattern SUMMARY =
            Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)");
    private static final Pattern RESULT =
            Pattern.compile(ProducerBenchClient.RESULT + " records=(\\d+) bytes=(\\d+) millis=(\\d+) cpuNanos=(\\d+)");
    private static final List<String> COMPRESSIONS = List.of("none", "lz4");
    private static final String OURS = "producer (ours)";
    private static final String THEIRS = "ProducerPerformance";

    private final int seconds;
    private final int rounds;
    private final BenchJvm.Layout layout = BenchJvm.Layout.detect();
    private int topics;

    public ProducerBench(int seconds, int rounds) {
        this.seconds = seconds;
        this.rounds = rounds;
    }

    public List<Figures> run(PrintWriter out) throws Exception {
        out.println("producer: " + layout.describe() + "; each side in a fresh JVM");
        out.flush();
        List<Figures> results = new ArrayList<>();
        Path payloads = payloadFile();
        try (Broker broker = Broker.start(layout.broker())) {
            for (String compression : COMPRESSIONS) {
                Figures ours = null;
                Figures theirs = null;
                for (int round = 0; round < rounds; round++) {
                    Figures o = ours(broker, OURS, layout.client(), compression, "off", 1);
                    Figures t = producerPerformance(broker, compression, o.records(), payloads);
                    ours = best(ours, o);
                    theirs = best(theirs, t);
                }
                results.add(ours);
                results.add(theirs);
            }
            Figures ahead = null;
            for (int round = 0; round < rounds; round++) {
                ahead = best(ahead, ours(broker, OURS + ", generator thread", layout.wide(), "none", "on", 1));
            }
            results.add(ahead);
            results.add(ours(broker, "5 concurrent invocations", layout.client(), "none", "off", 5));
        } finally {
            BenchJvm.deleteQuietly(payloads);
        }
        print(out, results);
        return results;
    }

    private static Figures best(Figures best, Figures next) {
        return best == null || next.recordsPerSecond() > best.recordsPerSecond() ? next : best;
    }

    private Figures ours(
            Broker broker,
            String name,
            BenchJvm.Cores cores,
            String compression,
            String generatorThread,
            int invocations)
            throws Exception {
        String output = BenchJvm.run(
                cores,
                ProducerBenchClient.class,
                List.of(
                        "ours",
                        broker.bootstrapServers(),
                        topic(broker),
                        compression,
                        Integer.toString(seconds),
                        generatorThread,
                        Integer.toString(invocations),
                        Integer.toString(topics)));
        Matcher result = match(RESULT, output, name);
        long records = Long.parseLong(result.group(1));
        double elapsed = Math.max(1, Long.parseLong(result.group(3))) / 1000.0;
        return new Figures(
                name,
                compression,
                records,
                records / elapsed,
                Long.parseLong(result.group(2)) / elapsed / (1024 * 1024),
                cpuMicros(result, records));
    }

    private Figures producerPerformance(Broker broker, String compression, long records, Path payloads)
            throws Exception {
        String output = BenchJvm.run(
                layout.client(),
                ProducerBenchClient.class,
                List.of(
                        "producer-performance",
                        broker.bootstrapServers(),
                        topic(broker),
                        compression,
                        Long.toString(records),
                        payloads.toString()));
        Matcher summary = match(SUMMARY, output, THEIRS);
        Matcher result = match(RESULT, output, THEIRS);
        long sent = Long.parseLong(summary.group(1));
        return new Figures(
                THEIRS,
                compression,
                sent,
                Double.parseDouble(summary.group(2)),
                Double.parseDouble(summary.group(3)),
                cpuMicros(result, sent));
    }

    /** The last match of {@code pattern} in a side's output. */
    private static Matcher match(Pattern pattern, String output, String side) {
        Matcher matcher = pattern.matcher(output);
        int last = -1;
        while (matcher.find()) {
            last = matcher.start();
        }
        if (last < 0) {
            throw new IllegalStateException(side + " printed no line matching " + pattern + ": " + output);
        }
        matcher.find(last);
        return matcher;
    }

    private static double cpuMicros(Matcher result, long records) {
        return Long.parseLong(result.group(4)) / 1000.0 / Math.max(1, records);
    }

    private String topic(Broker broker) throws IOException {
        String topic = "bench-" + topics++;
        broker.createTopic(topic, 3);
        return topic;
    }

    /** Generated orders, one per line: ProducerPerformance sends them in random order. */
    private static Path payloadFile() {
        RecordGenerator orders = RecordGenerator.forSettings(
                ProducerSettings.from(new ConfigSource(Map.of("BOOTSTRAP_SERVERS", "127.0.0.1:9092"))),
                new SplittableRandom(7));
        StringBuilder lines = new StringBuilder();
        long now = System.currentTimeMillis();
        for (int i = 0; i < PAYLOADS; i++) {
            lines.append(new String(orders.next(Shard.ALL, now).value(), StandardCharsets.UTF_8))
                    .append('\n');
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
        out.printf(
                "producer, one full-speed invocation vs ProducerPerformance, %d s runs, best of %d, orders, "
                        + "acks=all, idempotent, linger.ms=5, batch.size=64 KB, 3 partitions%n",
                seconds, rounds);
        out.printf("%-40s %-11s %14s %10s %14s%n", "", "compression", "records/s", "MB/s", "CPU µs/record");
        for (Figures f : results) {
            out.printf(
                    Locale.ROOT,
                    "%-40s %-11s %,14.0f %10.1f %14.2f%n",
                    f.name(),
                    f.compression(),
                    f.recordsPerSecond(),
                    f.megabytesPerSecond(),
                    f.cpuMicrosPerRecord());
        }
        for (String compression : COMPRESSIONS) {
            Figures ours = find(results, OURS, compression);
            Figures theirs = find(results, THEIRS, compression);
            double ratio = ours.recordsPerSecond() / theirs.recordsPerSecond();
            out.printf(
                    Locale.ROOT,
                    "ratio ours / ProducerPerformance (%s): %.2f; CPU per record %.2fx theirs%n",
                    compression,
                    ratio,
                    ours.cpuMicrosPerRecord() / theirs.cpuMicrosPerRecord());
        }
    }

    private static Figures find(List<Figures> results, String name, String compression) {
        return results.stream()
                .filter(f -> f.name().equals(name) && f.compression().equals(compression))
                .findFirst()
                .orElseThrow();
    }

    /** The broker's JVM ({@link BrokerProcess}): closing its standard input stops it. */
    private static final class Broker implements AutoCloseable {
        private final Process process;
        private final Path errors;
        private final BufferedReader answers;
        private final Writer commands;
        private final String bootstrapServers;

        private Broker(Process process, Path errors) throws IOException {
            this.process = process;
            this.errors = errors;
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.bootstrapServers = answer("bootstrap ");
        }

        static Broker start(BenchJvm.Cores cores) throws IOException {
            Path errors = BenchJvm.temporaryFile("broker");
            Process process = BenchJvm.start(cores, BrokerProcess.class, List.of(), errors);
            try {
                return new Broker(process, errors);
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        }

        String bootstrapServers() {
            return bootstrapServers;
        }

        void createTopic(String name, int partitions) throws IOException {
            commands.write("topic " + name + " " + partitions + "\n");
            commands.flush();
            answer("created " + name);
        }

        /** The rest of the broker's next line, which must start with {@code expected}. */
        private String answer(String expected) throws IOException {
            String line = answers.readLine();
            if (line == null || !line.startsWith(expected)) {
                throw new IllegalStateException("the broker's JVM answered " + line + " where '" + expected.trim()
                        + "' was due: " + BenchJvm.tail(errors));
            }
            return line.substring(expected.length());
        }

        @Override
        public void close() throws InterruptedException {
            try {
                commands.close();
            } catch (IOException e) {
                // the broker has gone already: nothing to stop
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            BenchJvm.deleteQuietly(errors);
        }
    }
}
