package io.msklambda.bench.cli;

import io.msklambda.bench.BenchResults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every benchmark under {@code bench} shares: the parent's {@code --results}, the output its table goes to, and
 * the checks of its options, made before anything starts.
 */
abstract class BenchSubcommand implements Callable<Integer> {

    @ParentCommand
    private BenchCommand parent;

    @Spec
    private CommandSpec spec;

    /** The results file, {@code --results}, inherited from {@code bench}. */
    final Path resultsFile() {
        return parent.results;
    }

    /** The results file to append this benchmark's figures to. */
    final BenchResults results() {
        return new BenchResults(parent.results);
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A number option outside what the benchmark can run: one line and exit 2, before anything starts. */
    final void requireInRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw usage(option + " " + value + ": must be " + min + " to " + max);
        }
    }

    /** A bad option or a missing file: one line and exit 2, as picocli reports its own. */
    final ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
