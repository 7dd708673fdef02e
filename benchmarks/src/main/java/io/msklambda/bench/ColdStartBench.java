package io.msklambda.bench;

import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.producer.AuthMode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;

/**
 * Cold start, from process start: a fresh JVM that makes the producer function (its init: settings, generator,
 * user pool, Kafka producer) and gets its first record acknowledged, against a bare kafka-clients program that
 * sends one record, on the same embedded broker; and the consumer function's first invocation into DynamoDB
 * Local. Each child runs with a 256 MB function's heap and Lambda-like JIT flags, the probes alternating in each
 * round; then again with an AppCDS archive each probe wrote in a training run. Medians, and the peak RSS.
 *
 * <p>A function's probe has the function's own jar first on its class path, ahead of the local runtime's: its
 * classes, its SLF4J provider and its logging configuration are the ones Lambda runs.
 */
public final class ColdStartBench {

    /** The JVM flags of every child: a 128 MB heap (a 256 MB function), the serial GC and C1 only. */
    static final List<String> JVM_FLAGS =
            List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    /** What a child does. */
    public enum Probe {
        PRODUCER,
        BARE,
        CONSUMER
    }

    /** One probe's figures with or without an archive. */
    public record Figures(Probe probe, boolean appCds, double medianMillis, double peakRssMegabytes) {}

    private final int rounds;
    private final Path event;
    private final Map<Probe, Path> functionJars;

    /**
     * @param event the consumer's first event, a KafkaEvent JSON file
     * @param producerJar the producer function's built jar (template.yaml's CodeUri)
     * @param consumerJar the consumer function's
     */
    public ColdStartBench(int rounds, Path event, Path producerJar, Path consumerJar) {
        this.rounds = rounds;
        this.event = event;
        this.functionJars = Map.of(Probe.PRODUCER, producerJar, Probe.CONSUMER, consumerJar);
    }

    public List<Figures> run(PrintWriter out) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("cold-start-");
        List<Figures> all = new ArrayList<>();
        try (LocalStack stack = LocalStack.builder()
                .kafka(AuthMode.NONE)
                .topic("orders", 3)
                .dynamoDb("cold-aggregates", "cold-rejects")
                .start()) {
            Map<String, String> env =
                    environment(stack.kafka().orElseThrow(), stack.dynamoDb().orElseThrow());
            for (boolean appCds : new boolean[] {false, true}) {
                all.addAll(measure(appCds, env, work));
            }
        } finally {
            Utils.delete(work.toFile());
        }
        print(out, all);
        return all;
    }

    /** Every probe's rounds, with or without AppCDS (its archive made first, by a run of each probe's own). */
    private List<Figures> measure(boolean appCds, Map<String, String> env, Path work)
            throws IOException, InterruptedException {
        List<Figures> all = new ArrayList<>();
        Map<Probe, List<Double>> millis = new EnumMap<>(Probe.class);
        Map<Probe, Double> peak = new EnumMap<>(Probe.class);
        if (appCds) {
            for (Probe probe : Probe.values()) {
                start(probe, classPath(probe), env, event, List.of("-XX:ArchiveClassesAtExit=" + archive(work, probe)));
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < Probe.values().length; i++) {
                Probe probe = Probe.values()[(i + round) % Probe.values().length];
                List<String> extra = appCds ? List.of("-XX:SharedArchiveFile=" + archive(work, probe)) : List.of();
                double[] figures = start(probe, classPath(probe), env, event, extra);
                millis.computeIfAbsent(probe, p -> new ArrayList<>()).add(figures[0]);
                peak.merge(probe, figures[1], Math::max);
            }
        }
        for (Probe probe : Probe.values()) {
            all.add(new Figures(probe, appCds, BenchResults.median(millis.get(probe)), peak.get(probe)));
        }
        return all;
    }

    /** The function's jar ahead of the local runtime's class path (the probe's own classes), or the latter alone. */
    private String classPath(Probe probe) {
        String runtime = System.getProperty("java.class.path");
        Path jar = functionJars.get(probe);
        return jar == null ? runtime : jar.toAbsolutePath() + File.pathSeparator + runtime;
    }

    private static Path archive(Path work, Probe probe) {
        return work.resolve(probe.name().toLowerCase(Locale.ROOT) + ".jsa");
    }

    private void print(PrintWriter out, List<Figures> all) {
        out.printf(
                "cold start from process start, median of %d runs each, JVM flags %s%n",
                rounds, String.join(" ", JVM_FLAGS));
        out.printf("%-44s %8s %12s %14s%n", "", "AppCDS", "median ms", "peak RSS MB");
        for (Figures f : all) {
            out.printf(
                    Locale.ROOT,
                    "%-44s %8s %12.0f %14.0f%n",
                    label(f.probe()),
                    f.appCds() ? "yes" : "no",
                    f.medianMillis(),
                    f.peakRssMegabytes());
        }
        for (boolean appCds : new boolean[] {false, true}) {
            double ratio = find(all, Probe.PRODUCER, appCds).medianMillis()
                    / find(all, Probe.BARE, appCds).medianMillis();
            out.printf(
                    Locale.ROOT,
                    "ratio producer function / bare kafka-clients%s: %.2f%n",
                    appCds ? " (both with AppCDS)" : "",
                    ratio);
        }
        double worstRss = all.stream()
                .filter(f -> f.probe() != Probe.BARE)
                .mapToDouble(Figures::peakRssMegabytes)
                .max()
                .orElse(0);
        out.printf(Locale.ROOT, "functions' peak RSS at most %.0f MB with -Xmx128m%n", worstRss);
    }

    static Figures find(List<Figures> all, Probe probe, boolean appCds) {
        return all.stream()
                .filter(f -> f.probe() == probe && f.appCds() == appCds)
                .findFirst()
                .orElseThrow();
    }

    static String label(Probe probe) {
        return switch (probe) {
            case PRODUCER -> "producer function: init to first ack";
            case BARE -> "bare kafka-clients: one record acknowledged";
            case CONSUMER -> "consumer function: first invocation";
        };
    }

    private static Map<String, String> environment(EmbeddedKafka kafka, EmbeddedDynamoDb dynamoDb) {
        Map<String, String> env = new HashMap<>();
        env.put("BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("AUTH_MODE", "none");
        env.put("TOPIC_NAME", "orders");
        env.put("PAYLOAD", "orders");
        env.put("BATCH_SIZE", "100");
        env.put("MAX_RUN_SEC", "30");
        env.put("KAFKA_INTERCEPTOR_CLASSES", ColdStartProbe.FirstAcknowledgement.class.getName());
        env.put("AGGREGATES_TABLE", "cold-aggregates");
        env.put("REJECTS_TABLE", "cold-rejects");
        env.put("DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", EmbeddedDynamoDb.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", EmbeddedDynamoDb.SECRET_KEY);
        env.put("AWS_REGION", EmbeddedDynamoDb.REGION);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "cold-start");
        return env;
    }

    /** Runs one child; returns milliseconds from its start to its marker, and its peak RSS in MB. */
    private static double[] start(
            Probe probe, String classPath, Map<String, String> env, Path event, List<String> extraFlags)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(extraFlags);
        command.addAll(List.of(
                "-cp",
                classPath,
                ColdStartProbe.class.getName(),
                probe.name().toLowerCase(Locale.ROOT),
                event.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        long startNanos = System.nanoTime();
        Process child = builder.start();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(ColdStartProbe.READY + " ")) {
                    double millis = (System.nanoTime() - startNanos) / 1e6;
                    double peakMegabytes = Long.parseLong(line.substring(ColdStartProbe.READY.length() + 1)) / 1024.0;
                    child.waitFor(30, TimeUnit.SECONDS);
                    return new double[] {millis, peakMegabytes};
                }
            }
        } finally {
            child.destroyForcibly();
        }
        throw new IllegalStateException(
                "the " + probe + " probe ended without its marker (exit " + child.waitFor() + ")");
    }
}
