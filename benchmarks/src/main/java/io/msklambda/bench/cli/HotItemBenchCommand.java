package io.msklambda.bench.cli;

import io.msklambda.bench.BenchResults;
import io.msklambda.bench.HotItemBench;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench hot-item}: {@link HotItemBench}, partitions in flight on one orders window. */
@Command(
        name = "hot-item",
        mixinStandardHelpOptions = true,
        description = "The consumer with N partitions in flight on one orders window, as the MSK trigger drives them "
                + "(one environment per partition, one batch at a time, in offset order, a failed batch retried "
                + "whole), into DynamoDB Local: conditional conflicts per batch, failed invocations, records/s.")
final class HotItemBenchCommand extends BenchSubcommand {

    @Option(
            names = "--partitions",
            split = ",",
            defaultValue = "1,3,12,48",
            description = "partitions in flight, one run each (default: ${DEFAULT-VALUE})")
    private List<Integer> partitions;

    @Option(names = "--batches", defaultValue = "20", description = "batches per partition (default: ${DEFAULT-VALUE})")
    private int batches;

    @Option(names = "--batch-size", defaultValue = "100", description = "orders per batch (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Override
    public Integer call() throws InterruptedException {
        // the trigger's batch size is at most 10,000 records; more than 256 threads would measure this machine
        for (int count : partitions) {
            requireInRange("--partitions", count, 1, 256);
        }
        requireInRange("--batches", batches, 1, 100_000);
        requireInRange("--batch-size", batchSize, 1, 10_000);
        BenchResults results = results();
        for (HotItemBench.Figures f : new HotItemBench(partitions, batches, batchSize).run(out())) {
            results.append(
                    "hot-item",
                    Map.of(
                            "partitions",
                            f.partitions(),
                            "batches",
                            f.batches(),
                            "batchSize",
                            batchSize,
                            "conflictsPerBatch",
                            f.conflictsPerBatch(),
                            "failedInvocations",
                            f.failedInvocations(),
                            "conflictFailures",
                            f.conflictFailures(),
                            "recordsPerSecond",
                            f.recordsPerSecond()));
        }
        return 0;
    }
}
