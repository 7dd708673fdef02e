package io.msklambda.bench.cli;

import io.msklambda.bench.BenchResults;
import io.msklambda.bench.ProducerBench;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench producer}: {@link ProducerBench}, ours against Kafka's ProducerPerformance. */
@Command(
        name = "producer",
        mixinStandardHelpOptions = true,
        description = "One full-speed producer invocation against Kafka's ProducerPerformance on the same embedded "
                + "broker, settings and record sizes, alternating, for compression none and lz4; then ours with its "
                + "generator thread, and 5 concurrent invocations. The broker runs in a JVM of its own on a core of "
                + "its own (taskset), each side in a fresh JVM on another: records/s and CPU time per record.")
final class ProducerBenchCommand extends BenchSubcommand {

    @Option(names = "--seconds", defaultValue = "10", description = "length of each run (default: ${DEFAULT-VALUE})")
    private int seconds;

    @Option(
            names = "--rounds",
            defaultValue = "2",
            description = "alternating rounds per compression (default: ${DEFAULT-VALUE})")
    private int rounds;

    @Override
    public Integer call() throws Exception {
        requireInRange("--seconds", seconds, 1, 900); // the producer's MAX_RUN_SEC
        requireInRange("--rounds", rounds, 1, 100);
        BenchResults results = results();
        for (ProducerBench.Figures f : new ProducerBench(seconds, rounds).run(out())) {
            results.append(
                    "producer",
                    Map.of(
                            "producer",
                            f.name(),
                            "compression",
                            f.compression(),
                            "records",
                            f.records(),
                            "recordsPerSecond",
                            f.recordsPerSecond(),
                            "megabytesPerSecond",
                            f.megabytesPerSecond(),
                            "cpuMicrosPerRecord",
                            f.cpuMicrosPerRecord()));
        }
        return 0;
    }
}
