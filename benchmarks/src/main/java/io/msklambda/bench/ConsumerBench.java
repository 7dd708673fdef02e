package io.msklambda.bench;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.consumer.AggregatesTable;
import io.msklambda.consumer.ConsumeReport;
import io.msklambda.consumer.ConsumerHandler;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.dynamodb.Tables;
import io.msklambda.local.lambda.FunctionOutput;
import io.msklambda.local.lambda.LambdaSerialization;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.trigger.MskEventJson;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.Telemetry;
import io.msklambda.model.TumblingWindows;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The consumer into DynamoDB Local against {@link NaiveConsumer}, side by side in one run: batches of
 * telemetry over a set of devices (each batch its own window, as a steady stream gives), alternating the two
 * in rounds so that neither gets the warmer JVM.
 */
public final class ConsumerBench {

    /** One side's figures. */
    public record Figures(String name, long records, double recordsPerSecond, double requestsPerBatch) {}

    private final int batches;
    private final int batchSize;
    private final int devices;
    private final int rounds;

    public ConsumerBench(int batches, int batchSize, int devices, int rounds) {
        this.batches = batches;
        this.batchSize = batchSize;
        this.devices = devices;
        this.rounds = rounds;
    }

    /** Batches of the CPU-only measurement: enough for the JIT and for a round of some length. */
    private static final int CPU_ONLY_BATCHES = 400;

    /**
     * Runs the handler with no I/O, then both consumers into DynamoDB Local, and prints the tables; returns
     * the CPU-only figures, then the best round of each into DynamoDB Local (ours first).
     */
    public List<Figures> run(PrintWriter out) {
        Figures cpuOnly;
        try (FunctionOutput hidden = FunctionOutput.hiddenUnless(false)) {
            cpuOnly = cpuOnly(events(CPU_ONLY_BATCHES));
        }
        out.printf(
                "consumer handler, no I/O (decode, aggregate, build the writes; WRITE_CONCURRENCY=1): "
                        + "%d batches of %d telemetry records over %d devices, best of %d rounds%n",
                CPU_ONLY_BATCHES, batchSize, devices, rounds);
        out.printf("%-22s %14.0f records/s on one thread%n", cpuOnly.name(), cpuOnly.recordsPerSecond());
        out.println();
        List<KafkaEvent> events = events(batches);
        Figures ours = null;
        Figures naive = null;
        // DynamoDB Local without tables: each round makes its own (the naive one is keyed otherwise)
        try (FunctionOutput hidden = FunctionOutput.hiddenUnless(false);
                LocalStack stack = LocalStack.builder().dynamoDb().start()) {
            EmbeddedDynamoDb dynamoDb = stack.dynamoDb().orElseThrow();
            DynamoDbClient dynamo = stack.dynamo();
            for (int round = 0; round <= rounds; round++) { // round 0 warms both up and is not reported
                Figures o = runOurs(dynamo, dynamoDb, events, "ours-" + round);
                Figures n = runNaive(dynamo, events, "naive-" + round);
                if (round > 0) {
                    ours = best(ours, o);
                    naive = best(naive, n);
                }
            }
        }
        out.printf(
                "consumer into DynamoDB Local: %d batches of %d telemetry records over %d devices, best of %d rounds%n",
                batches, batchSize, devices, rounds);
        out.printf("%-22s %14s %18s%n", "", "records/s", "requests/batch");
        for (Figures f : List.of(ours, naive)) {
            out.printf("%-22s %14.0f %18.1f%n", f.name(), f.recordsPerSecond(), f.requestsPerBatch());
        }
        double ratio = ours.recordsPerSecond() / naive.recordsPerSecond();
        out.printf("ratio (ours / naive)   %14.2f %18.3f%n", ratio, ours.requestsPerBatch() / naive.requestsPerBatch());
        out.printf("requests per batch %.0f for %d items touched per batch%n", ours.requestsPerBatch(), devices);
        return List.of(cpuOnly, ours, naive);
    }

    private Figures cpuOnly(List<KafkaEvent> events) {
        Figures best = null;
        for (int round = 0; round <= rounds; round++) { // round 0 warms up
            DiscardingDynamoDb dynamo = new DiscardingDynamoDb();
            ConsumerSettings settings = new ConsumerSettings(
                    "aggregates", "rejects", Duration.ofSeconds(60), EmbeddedDynamoDb.REGION, Optional.empty(), 1);
            ConsumerHandler handler = new ConsumerHandler(settings, dynamo, Clock.systemUTC());
            long start = System.nanoTime();
            for (KafkaEvent event : events) {
                handler.handleRequest(
                        event,
                        new LocalContext("ConsumerFunction", Duration.ofMinutes(1), 512, FunctionOutput.DISCARD));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long records = (long) events.size() * batchSize;
            Figures figures =
                    new Figures("handler, no I/O", records, records / seconds, (double) dynamo.puts() / events.size());
            handler.close();
            if (round > 0) {
                best = best(best, figures);
            }
        }
        return best;
    }

    private Figures runOurs(DynamoDbClient dynamo, EmbeddedDynamoDb dynamoDb, List<KafkaEvent> events, String table) {
        ConsumerSettings settings = new ConsumerSettings(
                table,
                table + "-rejects",
                Duration.ofSeconds(60),
                EmbeddedDynamoDb.REGION,
                Optional.of(dynamoDb.endpoint()));
        Tables.createBoth(dynamo, settings.aggregatesTable(), settings.rejectsTable());
        ConsumerHandler handler = new ConsumerHandler(settings, dynamo, Clock.systemUTC());
        long requests = 0;
        long start = System.nanoTime();
        for (KafkaEvent event : events) {
            ConsumeReport report = handler.handleRequest(
                    event, new LocalContext("ConsumerFunction", Duration.ofMinutes(1), 512, FunctionOutput.DISCARD));
            requests += report.dynamodbRequests();
        }
        return figures("consumer (ours)", start, requests);
    }

    private Figures runNaive(DynamoDbClient dynamo, List<KafkaEvent> events, String table) {
        dynamo.createTable(AggregatesTable.createRequest(table));
        NaiveConsumer naive = new NaiveConsumer(dynamo, table, TumblingWindows.ofSeconds(60));
        long requests = 0;
        long start = System.nanoTime();
        for (KafkaEvent event : events) {
            requests += naive.handle(event);
        }
        return figures("naive (1 write/record)", start, requests);
    }

    private Figures figures(String name, long startNanos, long requests) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long records = (long) batches * batchSize;
        return new Figures(name, records, records / seconds, (double) requests / batches);
    }

    private static Figures best(Figures current, Figures candidate) {
        return current == null || candidate.recordsPerSecond() > current.recordsPerSecond() ? candidate : current;
    }

    /** Telemetry records from a fixed seed, each batch one minute later, built as the trigger builds events. */
    private List<KafkaEvent> events(int batches) {
        SplittableRandom random = new SplittableRandom(1);
        JsonCodec codec = new JsonCodec();
        MskEventJson json =
                new MskEventJson("arn:aws:kafka:us-east-1:123456789012:cluster/bench/x-1", "127.0.0.1:9092");
        Instant start = Instant.parse("2026-03-09T21:00:00Z");
        List<KafkaEvent> events = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                int device = 1 + i % devices;
                Telemetry reading = new Telemetry(
                        device,
                        start.plusSeconds(60L * b).plusMillis(i),
                        Math.round((25 + random.nextDouble() * 10) * 10) / 10.0);
                byte[] value = codec.encode(reading);
                records.add(new ConsumerRecord<>(
                        "telemetry",
                        device % 3,
                        (long) b * batchSize + i,
                        reading.timestamp().toEpochMilli(),
                        TimestampType.CREATE_TIME,
                        -1,
                        value.length,
                        Integer.toString(device).getBytes(StandardCharsets.US_ASCII),
                        value,
                        new RecordHeaders(),
                        Optional.empty()));
            }
            events.add(LambdaSerialization.fromJson(json.write(records), KafkaEvent.class));
        }
        return events;
    }
}
