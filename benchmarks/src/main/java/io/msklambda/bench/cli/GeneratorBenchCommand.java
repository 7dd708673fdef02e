package io.msklambda.bench.cli;

import io.msklambda.bench.BenchResults;
import io.msklambda.bench.GeneratorBench;
import io.msklambda.model.InvalidConfigException;
import io.msklambda.producer.spec.PayloadSpec;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench generator}: {@link GeneratorBench}, the producer's records generated and serialized. */
@Command(
        name = "generator",
        mixinStandardHelpOptions = true,
        description = "Orders and telemetry (hand-written, and interpreted from their built-in specs), and a custom "
                + "spec's records, generated and serialized to JSON on one thread: records/s, bytes and allocated "
                + "bytes per record.")
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

    @Option(
            names = "--payload-spec",
            paramLabel = "FILE",
            description = "a PAYLOAD_SPEC file (or inline JSON): adds the row custom:<its name>")
    private String payloadSpec;

    @Override
    public Integer call() {
        requireInRange("--records", records, 1, 100_000_000);
        requireInRange("--rounds", rounds, 1, 100);
        BenchResults results = results();
        for (GeneratorBench.Figures f : new GeneratorBench(records, rounds, spec()).run(out())) {
            results.append(
                    "generator",
                    Map.of(
                            "payload",
                            f.payload(),
                            "recordsPerSecond",
                            f.recordsPerSecond(),
                            "bytesPerRecord",
                            f.bytesPerRecord(),
                            "allocatedBytesPerRecord",
                            f.allocatedBytesPerRecord()));
        }
        return 0;
    }

    /** The spec, read and validated as the function reads it (its errors name PAYLOAD_SPEC and the pointer). */
    private Optional<PayloadSpec> spec() {
        try {
            return Optional.ofNullable(payloadSpec).map(value -> PayloadSpec.load(value, Optional.empty()));
        } catch (InvalidConfigException e) {
            throw usage("--payload-spec: " + e.getMessage());
        }
    }
}
