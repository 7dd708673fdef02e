package io.msklambda.bench.cli;

import io.msklambda.bench.BenchChart;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code bench chart}: {@link BenchChart} of the results file, beside it. */
@Command(
        name = "chart",
        mixinStandardHelpOptions = true,
        description = "An SVG chart of the latest figures in --results, beside it (chart.svg).")
final class BenchChartCommand extends BenchSubcommand {

    @Override
    public Integer call() {
        Path results = resultsFile();
        if (!Files.isRegularFile(results)) {
            throw usage("no results at " + results + ": run a benchmark first");
        }
        Path svg = chartOf(results);
        int bars = BenchChart.write(results, svg);
        out().printf("chart of %d figures: %s%n", bars, svg);
        return 0;
    }

    /** The chart beside the results file. */
    private static Path chartOf(Path results) {
        return results.toAbsolutePath().resolveSibling("chart.svg");
    }
}
