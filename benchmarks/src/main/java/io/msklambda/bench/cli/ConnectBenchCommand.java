package io.msklambda.bench.cli;

import io.msklambda.bench.BenchResults;
import io.msklambda.bench.ConnectBench;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench connect}: {@link ConnectBench}, the producer's first connection in each auth mode. */
@Command(
        name = "connect",
        mixinStandardHelpOptions = true,
        description = "First-connect latency of the producer's Kafka client over PLAINTEXT, TLS and IAM over TLS "
                + "(SigV4 checked by the local broker): from a new producer to its first acknowledged record.")
final class ConnectBenchCommand extends BenchSubcommand {

    @Option(
            names = "--rounds",
            defaultValue = "15",
            description = "measured rounds after a warm-up (default: ${DEFAULT-VALUE})")
    private int rounds;

    @Override
    public Integer call() throws Exception {
        requireInRange("--rounds", rounds, 1, 1_000);
        BenchResults results = results();
        for (ConnectBench.Figures f : new ConnectBench(rounds).run(out())) {
            results.append(
                    "connect",
                    Map.of(
                            "authMode",
                            f.mode().name().toLowerCase(Locale.ROOT),
                            "medianMillis",
                            f.medianMillis(),
                            "minMillis",
                            f.minMillis(),
                            "ratioToPlaintext",
                            f.ratioToPlaintext(),
                            "rounds",
                            rounds));
        }
        return 0;
    }
}
