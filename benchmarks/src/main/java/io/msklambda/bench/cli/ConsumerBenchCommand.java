package io.msklambda.bench.cli;

import io.msklambda.bench.BenchResults;
import io.msklambda.bench.ConsumerBench;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench consumer}: {@link ConsumerBench}, the consumer against a naive one-write-per-record one. */
@Command(
        name = "consumer",
        mixinStandardHelpOptions = true,
        description = "The consumer into DynamoDB Local against a naive one-write-per-record consumer, side by side: "
                + "records/s and DynamoDB requests per batch.")
final class ConsumerBenchCommand extends BenchSubcommand {

    @Option(names = "--batches", defaultValue = "20", description = "(default: ${DEFAULT-VALUE})")
    private int batches;

    @Option(
            names = "--batch-size",
            defaultValue = "500",
            description = "telemetry records per batch (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--devices", defaultValue = "100", description = "(default: ${DEFAULT-VALUE})")
    private int devices;

    @Option(names = "--rounds", defaultValue = "3", description = "(default: ${DEFAULT-VALUE})")
    private int rounds;

    @Override
    public Integer call() {
        requireInRange("--batches", batches, 1, 100_000);
        requireInRange("--batch-size", batchSize, 1, 10_000); // the trigger's largest batch
        requireInRange("--devices", devices, 1, 1_000_000); // the producer's DEVICE_COUNT
        requireInRange("--rounds", rounds, 1, 100);
        BenchResults results = results();
        for (ConsumerBench.Figures f : new ConsumerBench(batches, batchSize, devices, rounds).run(out())) {
            results.append(
                    "consumer",
                    Map.of(
                            "consumer",
                            f.name(),
                            "records",
                            f.records(),
                            "recordsPerSecond",
                            f.recordsPerSecond(),
                            "requestsPerBatch",
                            f.requestsPerBatch(),
                            "batchSize",
                            batchSize,
                            "devices",
                            devices));
        }
        return 0;
    }
}
