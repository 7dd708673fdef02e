package io.msklambda.bench;

import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.Listener;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.kafka.iam.StaticIamCredentials;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.model.ConfigSource;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.KafkaProperties;
import io.msklambda.producer.ProducerSettings;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * First-connect latency: from a new producer with the function's own properties to its first acknowledged
 * record, over PLAINTEXT, TLS, and IAM over TLS (SASL AWS_MSK_IAM, signed by aws-msk-iam-auth and checked by
 * the local broker), on one broker, the three modes alternating in each round; medians after a warm-up round.
 */
public final class ConnectBench {

    private static final String TOPIC = "connect-bench";

    /** One mode's figures, in milliseconds. */
    public record Figures(AuthMode mode, double medianMillis, double minMillis, double ratioToPlaintext) {}

    private final int rounds;

    public ConnectBench(int rounds) {
        this.rounds = rounds;
    }

    public List<Figures> run(PrintWriter out) throws InterruptedException, ExecutionException, TimeoutException {
        Map<AuthMode, List<Double>> millis = new EnumMap<>(AuthMode.class);
        // one broker listening all three ways, the IAM listener letting in the bench's own principal
        try (LocalStack stack = LocalStack.builder()
                .kafka(AuthMode.NONE)
                .alsoListening(AuthMode.TLS)
                .alsoListening(AuthMode.IAM)
                .principal(LocalStack.Client.OPERATOR, "arn:aws:iam::000000000000:user/connect-bench")
                .topic(TOPIC, 1)
                .start()) {
            EmbeddedKafka kafka = stack.kafka().orElseThrow();
            LocalPrincipal principal = stack.principal().orElseThrow();
            for (int round = -1; round < rounds; round++) {
                for (int i = 0; i < AuthMode.values().length; i++) {
                    AuthMode mode = AuthMode.values()[(i + Math.max(round, 0)) % AuthMode.values().length];
                    double elapsed = firstAcknowledgement(kafka, mode, principal);
                    if (round >= 0) {
                        millis.computeIfAbsent(mode, m -> new ArrayList<>()).add(elapsed);
                    }
                }
            }
        }
        double plaintext = BenchResults.median(millis.get(AuthMode.NONE));
        List<Figures> all = new ArrayList<>();
        for (AuthMode mode : List.of(AuthMode.NONE, AuthMode.TLS, AuthMode.IAM)) {
            List<Double> values = millis.get(mode);
            all.add(new Figures(
                    mode,
                    BenchResults.median(values),
                    values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    BenchResults.median(values) / plaintext));
        }
        print(all, out);
        return all;
    }

    private void print(List<Figures> all, PrintWriter out) {
        out.printf(
                "first connect: new producer to first acknowledged record, median of %d rounds after a warm-up%n",
                rounds);
        out.printf("%-22s %12s %10s %12s%n", "AUTH_MODE", "median ms", "min ms", "vs none");
        for (Figures f : all) {
            out.printf(
                    Locale.ROOT,
                    "%-22s %12.1f %10.1f %11.2fx%n",
                    label(f.mode()),
                    f.medianMillis(),
                    f.minMillis(),
                    f.ratioToPlaintext());
        }
    }

    private static String label(AuthMode mode) {
        return switch (mode) {
            case NONE -> "none (PLAINTEXT)";
            case TLS -> "tls (SSL)";
            case IAM -> "iam (SASL_SSL, SigV4)";
        };
    }

    private static double firstAcknowledgement(EmbeddedKafka kafka, AuthMode mode, LocalPrincipal principal)
            throws InterruptedException, ExecutionException, TimeoutException {
        Listener listener = Listener.of(mode);
        Map<String, String> env = new HashMap<>(Map.of(
                ProducerSettings.BOOTSTRAP_SERVERS,
                kafka.bootstrapServers(listener),
                ProducerSettings.AUTH_MODE,
                mode.name(),
                ProducerSettings.TOPIC_NAME,
                TOPIC));
        if (mode != AuthMode.NONE) {
            env.putAll(KafkaProperties.variables(kafka.trustProperties()));
        }
        Map<String, Object> properties =
                new HashMap<>(KafkaProperties.of(ProducerSettings.from(new ConfigSource(env))));
        if (mode == AuthMode.IAM) {
            properties.putAll(StaticIamCredentials.clientProperties(principal));
        }
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(
                            TOPIC, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
            return (System.nanoTime() - start) / 1e6;
        }
    }
}
