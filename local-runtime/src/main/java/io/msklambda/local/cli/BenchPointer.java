package io.msklambda.local.cli;

import io.msklambda.local.pipeline.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code msk-local bench} in a jar without the benchmarks: they live in the benchmarks module, whose jar carries what
 * they need and msk-local does not (Kafka's ProducerPerformance, JMH). One line that says where they are and the
 * command that builds and runs them, and exit 2, rather than picocli's bare "Unmatched argument" for someone who
 * followed an older README.
 */
@Command(
        name = BenchPointer.NAME,
        description = "Not in this jar. Prints the command that builds and runs the benchmarks from their own jar, "
                + "benchmarks/target/msk-bench.jar.")
final class BenchPointer implements Callable<Integer> {

    static final String NAME = "bench";
    /** From the repository's root, where the benchmarks run. */
    static final String BUILD = "./mvnw -q package -DskipTests -pl benchmarks -am";

    static final String RUN = "java -jar benchmarks/target/msk-bench.jar bench";

    @Spec
    private CommandSpec spec;

    /** Whatever followed {@code bench} (a benchmark, its options, {@code --help}): handed on to the other jar as it is. */
    @Unmatched
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        StringBuilder run = new StringBuilder(RUN);
        arguments.forEach(argument -> run.append(' ').append(shellWord(argument)));
        spec.commandLine()
                .getErr()
                .println("msk-local bench: the benchmarks are in the benchmarks module's jar, not "
                        + "in msk-local.jar; from the repository's root: " + BUILD + " && " + run);
        spec.commandLine().getErr().flush();
        return ExitCode.USAGE;
    }

    /** The argument as a POSIX shell reads it back: single-quoted unless it is plain. */
    static String shellWord(String argument) {
        return argument.matches("[\\w@%+=:,./-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'";
    }
}
