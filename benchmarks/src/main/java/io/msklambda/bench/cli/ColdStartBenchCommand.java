package io.msklambda.bench.cli;

import io.msklambda.bench.BenchResults;
import io.msklambda.bench.ColdStartBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench coldstart}: {@link ColdStartBench}, the functions' first invocations in fresh JVMs. */
@Command(
        name = "coldstart",
        mixinStandardHelpOptions = true,
        description = "Fresh JVMs, -Xmx128m: the producer function until its first record is acknowledged against a "
                + "bare kafka-clients program sending one record, and the consumer's first invocation; medians and "
                + "peak RSS, without and with an AppCDS archive.")
final class ColdStartBenchCommand extends BenchSubcommand {

    @Option(names = "--rounds", defaultValue = "5", description = "runs of each probe (default: ${DEFAULT-VALUE})")
    private int rounds;

    @Option(
            names = "--event",
            defaultValue = "events/msk-telemetry.json",
            description = "the consumer's first event (default: ${DEFAULT-VALUE})")
    private Path event;

    @Option(
            names = "--producer-jar",
            defaultValue = "producer-function/target/producer-function.jar",
            description = "the producer function's jar, first on its probe's class path (default: ${DEFAULT-VALUE})")
    private Path producerJar;

    @Option(
            names = "--consumer-jar",
            defaultValue = "consumer-function/target/consumer-function.jar",
            description = "the consumer function's jar, first on its probe's class path (default: ${DEFAULT-VALUE})")
    private Path consumerJar;

    @Override
    public Integer call() throws Exception {
        requireInRange("--rounds", rounds, 1, 100);
        requireFiles();
        BenchResults results = results();
        for (ColdStartBench.Figures f : new ColdStartBench(rounds, event, producerJar, consumerJar).run(out())) {
            results.append(
                    "coldstart",
                    Map.of(
                            "probe",
                            f.probe().name().toLowerCase(Locale.ROOT),
                            "appCds",
                            String.valueOf(f.appCds()),
                            "medianMillis",
                            f.medianMillis(),
                            "peakRssMegabytes",
                            f.peakRssMegabytes(),
                            "rounds",
                            rounds));
        }
        return 0;
    }

    /** The event and both jars are there, relative to the repository's root by default. */
    private void requireFiles() {
        if (!Files.isRegularFile(event)) {
            throw usage("no event file at " + event.toAbsolutePath()
                    + ": run bench from the repository's root, or give --event");
        }
        for (Path jar : List.of(producerJar, consumerJar)) {
            if (!Files.isRegularFile(jar)) {
                throw usage("no function jar at "
                        + jar.toAbsolutePath()
                        + ": build it with ./mvnw package -DskipTests, run bench from the "
                        + "repository's root, or give --producer-jar and --consumer-jar");
            }
        }
    }
}
