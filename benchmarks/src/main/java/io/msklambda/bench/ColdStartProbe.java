package io.msklambda.bench;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.msklambda.consumer.ConsumerHandler;
import io.msklambda.local.lambda.FunctionOutput;
import io.msklambda.local.lambda.LambdaSerialization;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.producer.ProducerHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The child JVM of {@link ColdStartBench}: does one thing from a cold start, prints {@value #READY} and its
 * peak resident set size, and exits. Arguments: {@code producer} (the producer function as Lambda makes it,
 * from its environment, until its first record is acknowledged), {@code bare} (a plain kafka-clients program
 * sending one record to {@code BOOTSTRAP_SERVERS}), or {@code consumer <event file>} (the consumer function's
 * first invocation).
 */
public final class ColdStartProbe {

    static final String READY = "READY";
    /** Standard output as the JVM started, before the function's own output is hidden. */
    private static final PrintStream OUT = System.out;

    private ColdStartProbe() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "producer" -> {
                FunctionOutput.hiddenUnless(false);
                new ProducerHandler()
                        .handleRequest(
                                new ScheduledEvent(),
                                new LocalContext(
                                        "ProducerFunction", Duration.ofMinutes(1), 256, FunctionOutput.DISCARD));
                throw new IllegalStateException("the producer ran to its end without an acknowledged record");
            }
            case "bare" -> {
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                System.getenv("BOOTSTRAP_SERVERS"),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>(
                                    System.getenv("TOPIC_NAME"),
                                    "1".getBytes(StandardCharsets.UTF_8),
                                    "{}".getBytes(StandardCharsets.UTF_8)))
                            .get(30, TimeUnit.SECONDS);
                    ready();
                }
            }
            case "consumer" -> {
                FunctionOutput.hiddenUnless(false);
                new ConsumerHandler()
                        .handleRequest(
                                LambdaSerialization.fromJson(Path.of(args[1]), KafkaEvent.class),
                                new LocalContext(
                                        "ConsumerFunction", Duration.ofMinutes(1), 256, FunctionOutput.DISCARD));
                ready();
            }
            default -> throw new IllegalArgumentException("producer, bare or consumer, not " + args[0]);
        }
    }

    /** Prints the marker and the peak RSS (VmHWM, kB), then exits normally (an AppCDS archive is written at exit). */
    static void ready() {
        String peak = "0";
        try {
            peak = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .findFirst()
                    .map(line -> line.replaceAll("\\D", ""))
                    .orElse("0");
        } catch (IOException e) {
            // not Linux: no peak RSS
        }
        OUT.println(READY + " " + peak);
        OUT.flush();
        System.exit(0);
    }

    /** Set as the producer function's {@code KAFKA_INTERCEPTOR_CLASSES}: the first acknowledgement ends the probe. */
    public static final class FirstAcknowledgement implements ProducerInterceptor<byte[], byte[]> {
        private static final AtomicBoolean SEEN = new AtomicBoolean();

        @Override
        public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            if (exception == null && SEEN.compareAndSet(false, true)) {
                // not on this thread, the producer's network thread: exiting runs the function's shutdown hook,
                // which closes the producer and waits for this very thread
                new Thread(ColdStartProbe::ready, "cold-start-ready").start();
            }
        }

        @Override
        public void close() {}

        @Override
        public void configure(Map<String, ?> configs) {}
    }
}
