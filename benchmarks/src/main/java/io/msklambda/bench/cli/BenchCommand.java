package io.msklambda.bench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}, in msk-bench.jar: figures measured side by side in one run, appended to a results file. Each
 * benchmark is a subcommand of its own ({@code ProducerBenchCommand} …), on {@link BenchSubcommand}.
 */
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
            ProducerBenchCommand.class,
            GeneratorBenchCommand.class,
            ConsumerBenchCommand.class,
            HotItemBenchCommand.class,
            ColdStartBenchCommand.class,
            ConnectBenchCommand.class,
            BenchChartCommand.class,
            JmhCommand.class
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
}
