package io.msklambda.bench.cli;

import io.msklambda.bench.BenchResults;
import io.msklambda.bench.GeneratorBench;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench generator}: {@link GeneratorBench}, the producer's records generated and serialized. */
@Command(
        name = "generator",
        mixinStandardHelpOptions = true,
        description = "Orders and telemetry generated and serialized to JSON on one thread: records/s, bytes and "
                + "allocated bytes per record.")
final class GeneratorBenchCommand extends BenchSubcommand {

    @Option(
            names = "--records",
            defaultValue = "3000000",
            description = "records per round (default: ${DEFAULT-VALUE})")
    private int records;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "measured rounds after a warm-up (default: ${DEFAULT-VALUE})")
    private int rounds;

    @Override
    public Integer call() {
        requireInRange("--records", records, 1, 100_000_000);
        requireInRange("--rounds", rounds, 1, 100);
        BenchResults results = results();
        for (GeneratorBench.Figures f : new GeneratorBench(records, rounds).run(out())) {
            results.append(
                    "generator",
                    Map.of(
                            "payload",
                            f.payload().name().toLowerCase(Locale.ROOT),
                            "recordsPerSecond",
                            f.recordsPerSecond(),
                            "bytesPerRecord",
                            f.bytesPerRecord(),
                            "allocatedBytesPerRecord",
                            f.allocatedBytesPerRecord()));
        }
        return 0;
    }
}
