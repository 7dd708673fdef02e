package io.msklambda.bench.cli;

import io.msklambda.bench.BenchChart;
import io.msklambda.bench.BenchResults;
import io.msklambda.bench.ColdStartBench;
import io.msklambda.bench.ConnectBench;
import io.msklambda.bench.ConsumerBench;
import io.msklambda.bench.GeneratorBench;
import io.msklambda.bench.HotItemBench;
import io.msklambda.bench.ProducerBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code bench}, in msk-bench.jar: figures measured side by side in one run, appended to a results file. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmarks, each printing a table and appending one JSON line per result to --results.",
            "Figures are ratios measured side by side in one run: the machine is shared and its absolute speed varies.",
            "Without a subcommand: all of them with their defaults, then the chart (not jmh). Run it from the "
                    + "repository's root."
        },
        subcommands = {
            BenchCommand.Producer.class,
            BenchCommand.Generator.class,
            BenchCommand.Consumer.class,
            BenchCommand.HotItem.class,
            BenchCommand.ColdStart.class,
            BenchCommand.Connect.class,
            BenchCommand.Chart.class,
            BenchCommand.Jmh.class
        })
final class BenchCommand implements Callable<Integer> {

    /** What {@code bench} alone runs, in order. */
    private static final List<String> ALL =
            List.of("generator", "consumer", "hot-item", "coldstart", "connect", "producer", "chart");

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--results",
            defaultValue = "bench-results/results.jsonl",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "where the JSON lines go (default: ${DEFAULT-VALUE})")
    Path results;

    @Override
    public Integer call() {
        for (String benchmark : ALL) {
            spec.commandLine().getOut().printf("%n== bench %s ==%n", benchmark);
            int exit = MskBench.commandLine()
                    .setOut(spec.commandLine().getOut())
                    .setErr(spec.commandLine().getErr())
                    .execute("bench", benchmark, "--results", results.toString());
            if (exit != 0) {
                return exit;
            }
        }
        return 0;
    }

    /** The chart beside the results file. */
    /** A number option outside what the benchmark can run: one line and exit 2, before anything starts. */
    static void requireInRange(CommandSpec spec, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), option + " " + value + ": must be " + min + " to " + max);
        }
    }

    private static Path chartOf(Path results) {
        return results.toAbsolutePath().resolveSibling("chart.svg");
    }

    @Command(
            name = "producer",
            mixinStandardHelpOptions = true,
            description = "One full-speed producer invocation against Kafka's ProducerPerformance on the same embedded "
                    + "broker, settings and record sizes, alternating, for compression none and lz4; then ours with its "
                    + "generator thread, and 5 concurrent invocations. The broker runs in a JVM of its own on a core of "
                    + "its own (taskset), each side in a fresh JVM on another: records/s and CPU time per record.")
    static final class Producer implements Callable<Integer> {
        @ParentCommand
        private BenchCommand parent;

        @Spec
        private CommandSpec spec;

        @Option(
                names = "--seconds",
                defaultValue = "10",
                description = "length of each run (default: ${DEFAULT-VALUE})")
        private int seconds;

        @Option(
                names = "--rounds",
                defaultValue = "2",
                description = "alternating rounds per compression (default: ${DEFAULT-VALUE})")
        private int rounds;

        @Override
        public Integer call() throws Exception {
            requireInRange(spec, "--seconds", seconds, 1, 900); // the producer's MAX_RUN_SEC
            requireInRange(spec, "--rounds", rounds, 1, 100);
            BenchResults results = new BenchResults(parent.results);
            for (ProducerBench.Figures f :
                    new ProducerBench(seconds, rounds).run(spec.commandLine().getOut())) {
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

    @Command(
            name = "generator",
            mixinStandardHelpOptions = true,
            description = "Orders and telemetry generated and serialized to JSON on one thread: records/s, bytes and "
                    + "allocated bytes per record.")
    static final class Generator implements Callable<Integer> {
        @ParentCommand
        private BenchCommand parent;

        @Spec
        private CommandSpec spec;

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
            requireInRange(spec, "--records", records, 1, 100_000_000);
            requireInRange(spec, "--rounds", rounds, 1, 100);
            BenchResults results = new BenchResults(parent.results);
            for (GeneratorBench.Figures f :
                    new GeneratorBench(records, rounds).run(spec.commandLine().getOut())) {
                results.append(
                        "generator",
                        Map.of(
                                "payload",
                                f.payload().name().toLowerCase(java.util.Locale.ROOT),
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

    @Command(
            name = "consumer",
            mixinStandardHelpOptions = true,
            description =
                    "The consumer into DynamoDB Local against a naive one-write-per-record consumer, side by side: "
                            + "records/s and DynamoDB requests per batch.")
    static final class Consumer implements Callable<Integer> {
        @ParentCommand
        private BenchCommand parent;

        @Spec
        private CommandSpec spec;

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
            requireInRange(spec, "--batches", batches, 1, 100_000);
            requireInRange(spec, "--batch-size", batchSize, 1, 10_000); // the trigger's largest batch
            requireInRange(spec, "--devices", devices, 1, 1_000_000); // the producer's DEVICE_COUNT
            requireInRange(spec, "--rounds", rounds, 1, 100);
            BenchResults results = new BenchResults(parent.results);
            for (ConsumerBench.Figures f : new ConsumerBench(batches, batchSize, devices, rounds)
                    .run(spec.commandLine().getOut())) {
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

    @Command(
            name = "hot-item",
            mixinStandardHelpOptions = true,
            description =
                    "The consumer with N partitions in flight on one orders window, as the MSK trigger drives them "
                            + "(one environment per partition, one batch at a time, in offset order, a failed batch retried "
                            + "whole), into DynamoDB Local: conditional conflicts per batch, failed invocations, records/s.")
    static final class HotItem implements Callable<Integer> {
        @ParentCommand
        private BenchCommand parent;

        @Spec
        private CommandSpec spec;

        @Option(
                names = "--partitions",
                split = ",",
                defaultValue = "1,3,12,48",
                description = "partitions in flight, one run each (default: ${DEFAULT-VALUE})")
        private List<Integer> partitions;

        @Option(
                names = "--batches",
                defaultValue = "20",
                description = "batches per partition (default: ${DEFAULT-VALUE})")
        private int batches;

        @Option(
                names = "--batch-size",
                defaultValue = "100",
                description = "orders per batch (default: ${DEFAULT-VALUE})")
        private int batchSize;

        @Override
        public Integer call() throws InterruptedException {
            // the trigger's batch size is at most 10,000 records; more than 256 threads would measure this machine
            for (int count : partitions) {
                requireInRange(spec, "--partitions", count, 1, 256);
            }
            requireInRange(spec, "--batches", batches, 1, 100_000);
            requireInRange(spec, "--batch-size", batchSize, 1, 10_000);
            BenchResults results = new BenchResults(parent.results);
            for (HotItemBench.Figures f : new HotItemBench(partitions, batches, batchSize)
                    .run(spec.commandLine().getOut())) {
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

    @Command(
            name = "connect",
            mixinStandardHelpOptions = true,
            description = "First-connect latency of the producer's Kafka client over PLAINTEXT, TLS and IAM over TLS "
                    + "(SigV4 checked by the local broker): from a new producer to its first acknowledged record.")
    static final class Connect implements Callable<Integer> {
        @ParentCommand
        private BenchCommand parent;

        @Spec
        private CommandSpec spec;

        @Option(
                names = "--rounds",
                defaultValue = "15",
                description = "measured rounds after a warm-up (default: ${DEFAULT-VALUE})")
        private int rounds;

        @Override
        public Integer call() throws Exception {
            requireInRange(spec, "--rounds", rounds, 1, 1_000);
            BenchResults results = new BenchResults(parent.results);
            for (ConnectBench.Figures f :
                    new ConnectBench(rounds).run(spec.commandLine().getOut())) {
                results.append(
                        "connect",
                        Map.of(
                                "authMode",
                                f.mode().name().toLowerCase(java.util.Locale.ROOT),
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

    @Command(
            name = "coldstart",
            mixinStandardHelpOptions = true,
            description =
                    "Fresh JVMs, -Xmx128m: the producer function until its first record is acknowledged against a "
                            + "bare kafka-clients program sending one record, and the consumer's first invocation; medians and "
                            + "peak RSS, without and with an AppCDS archive.")
    static final class ColdStart implements Callable<Integer> {
        @ParentCommand
        private BenchCommand parent;

        @Spec
        private CommandSpec spec;

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
                description =
                        "the producer function's jar, first on its probe's class path (default: ${DEFAULT-VALUE})")
        private Path producerJar;

        @Option(
                names = "--consumer-jar",
                defaultValue = "consumer-function/target/consumer-function.jar",
                description =
                        "the consumer function's jar, first on its probe's class path (default: ${DEFAULT-VALUE})")
        private Path consumerJar;

        @Override
        public Integer call() throws Exception {
            requireInRange(spec, "--rounds", rounds, 1, 100);
            if (!java.nio.file.Files.isRegularFile(event)) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "no event file at " + event.toAbsolutePath()
                                + ": run bench from the repository's root, or give --event");
            }
            for (Path jar : List.of(producerJar, consumerJar)) {
                if (!java.nio.file.Files.isRegularFile(jar)) {
                    throw new picocli.CommandLine.ParameterException(
                            spec.commandLine(),
                            "no function jar at "
                                    + jar.toAbsolutePath()
                                    + ": build it with ./mvnw package -DskipTests, run bench from the "
                                    + "repository's root, or give --producer-jar and --consumer-jar");
                }
            }
            BenchResults results = new BenchResults(parent.results);
            for (ColdStartBench.Figures f : new ColdStartBench(rounds, event, producerJar, consumerJar)
                    .run(spec.commandLine().getOut())) {
                results.append(
                        "coldstart",
                        Map.of(
                                "probe",
                                f.probe().name().toLowerCase(java.util.Locale.ROOT),
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
    }

    @Command(
            name = "chart",
            mixinStandardHelpOptions = true,
            description = "An SVG chart of the latest figures in --results, beside it (chart.svg).")
    static final class Chart implements Callable<Integer> {
        @ParentCommand
        private BenchCommand parent;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            if (!java.nio.file.Files.isRegularFile(parent.results)) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "no results at " + parent.results + ": run a benchmark first");
            }
            Path svg = chartOf(parent.results);
            int bars = BenchChart.write(parent.results, svg);
            spec.commandLine().getOut().printf("chart of %d figures: %s%n", bars, svg);
            return 0;
        }
    }

    @Command(
            name = "jmh",
            description = {
                "The JMH micro-benchmarks (ConsumerCpuBenchmark, GeneratorBenchmark, RecordReaderBenchmark), "
                        + "in forks of this jar: every argument goes to JMH's own command line as it is "
                        + "(bench jmh -h lists JMH's options, bench jmh -l the benchmarks). Not part of bench alone."
            })
    static final class Jmh implements Callable<Integer> {
        /** JMH's options and benchmark patterns, left to JMH to read: its command line is its own. */
        @Unmatched
        private List<String> arguments = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            // JMH's Main prints its own errors and exits with 1 on them; a run that ends returns here
            org.openjdk.jmh.Main.main(arguments.toArray(String[]::new));
            return 0;
        }
    }
}
