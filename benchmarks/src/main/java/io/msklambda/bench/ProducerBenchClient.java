package io.msklambda.bench;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.sun.management.OperatingSystemMXBean;
import io.msklambda.local.lambda.FunctionOutput;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.model.ConfigSource;
import io.msklambda.producer.KafkaProperties;
import io.msklambda.producer.ProduceReport;
import io.msklambda.producer.ProducerFactory;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.ProducerSettings;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * One client side of {@link ProducerBench}, in a JVM of its own so that it can be pinned apart from the broker and its
 * CPU time counted alone. After the side's own output it prints one line, {@value #RESULT} followed by
 * {@code records=… bytes=… millis=… cpuNanos=…}: the CPU time is this process's (every thread: the side's, the Kafka
 * client's network thread, the JIT compiler, the collector) from before the client is made until after it is closed.
 *
 * <ul>
 *   <li>{@code ours <bootstrap> <topic> <compression> <seconds> <GENERATOR_THREAD> <invocations> <seed>}: that many
 *       concurrent full-speed invocations of the producer handler, each with its own environment;</li>
 *   <li>{@code producer-performance <bootstrap> <topic> <compression> <records> <payload file>}: Kafka's
 *       ProducerPerformance, whose summary line comes first (bytes and millis are then 0: the summary has them).</li>
 * </ul>
 */
public final class ProducerBenchClient {

    static final String RESULT = "result";
    /** The settings both sides use: the function's contract (idempotent, acks=all) and one batching for both. */
    static final Map<String, String> SETTINGS =
            Map.of("acks", "all", "enable.idempotence", "true", "linger.ms", "5", "batch.size", "65536");

    private ProducerBenchClient() {}

    public static void main(String[] args) throws Exception {
        long cpuBefore = cpuNanos();
        long[] sent = switch (args[0]) {
            case "ours" -> ours(Arrays.copyOfRange(args, 1, args.length));
            case "producer-performance" -> producerPerformance(Arrays.copyOfRange(args, 1, args.length));
            default -> throw new IllegalArgumentException("not a side: " + args[0] + " (ours, producer-performance)");
        };
        System.out.printf(
                "%s records=%d bytes=%d millis=%d cpuNanos=%d%n",
                RESULT, sent[0], sent[1], sent[2], cpuNanos() - cpuBefore);
        System.out.flush();
        System.exit(0); // ProducerPerformance may leave a non-daemon thread behind
    }

    /** Records, bytes and the longest invocation's milliseconds. */
    private static long[] ours(String[] args) {
        int invocations = Integer.parseInt(args[5]);
        long seed = Long.parseLong(args[6]);
        List<CompletableFuture<ProduceReport>> running = new ArrayList<>();
        for (int i = 0; i < invocations; i++) {
            ProducerSettings settings = settings(args[0], args[1], args[2], args[3], args[4]);
            SplittableRandom seeds = new SplittableRandom(seed + i);
            running.add(CompletableFuture.supplyAsync(() -> invoke(settings, seeds)));
        }
        List<ProduceReport> reports =
                running.stream().map(CompletableFuture::join).toList();
        return new long[] {
            reports.stream().mapToLong(ProduceReport::sent).sum(),
            reports.stream().mapToLong(ProduceReport::bytesSent).sum(),
            reports.stream().mapToLong(ProduceReport::elapsedMillis).max().orElse(0)
        };
    }

    private static ProduceReport invoke(ProducerSettings settings, SplittableRandom seeds) {
        try (ProducerHandler handler = new ProducerHandler(settings, ProducerFactory.KAFKA, Clock.systemUTC(), seeds)) {
            return handler.handleRequest(
                    new ScheduledEvent(),
                    new LocalContext(
                            "ProducerFunction", settings.maxRun().plusSeconds(15), 512, FunctionOutput.DISCARD));
        }
    }

    private static ProducerSettings settings(
            String bootstrap, String topic, String compression, String seconds, String generatorThread) {
        Map<String, String> env = new HashMap<>(Map.of(
                "BOOTSTRAP_SERVERS",
                bootstrap,
                "TOPIC_NAME",
                topic,
                "PAYLOAD",
                "orders",
                "AUTH_MODE",
                "none",
                "BATCH_INTERVAL_MS",
                "0",
                "BATCH_SIZE",
                "1000",
                "MAX_RUN_SEC",
                seconds,
                "KAFKA_COMPRESSION_TYPE",
                compression,
                "GENERATOR_THREAD",
                generatorThread));
        SETTINGS.forEach((name, value) -> {
            if (!name.equals("acks") && !name.equals("enable.idempotence")) { // the function always sets these
                env.put(KafkaProperties.variable(name), value);
            }
        });
        return ProducerSettings.from(new ConfigSource(env));
    }

    private static long[] producerPerformance(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--topic",
                args[1],
                "--num-records",
                args[3],
                "--throughput",
                "-1",
                "--payload-file",
                args[4],
                "--producer-props",
                "bootstrap.servers=" + args[0],
                "compression.type=" + args[2]));
        SETTINGS.forEach((name, value) -> arguments.add(name + "=" + value));
        ProducerPerformance.main(arguments.toArray(String[]::new));
        return new long[] {Long.parseLong(args[3]), 0, 0};
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
