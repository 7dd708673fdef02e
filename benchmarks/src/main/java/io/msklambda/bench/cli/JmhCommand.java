package io.msklambda.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code bench jmh}: JMH's own command line, in this jar, for the micro-benchmarks. */
@Command(
        name = "jmh",
        description = {
            "The JMH micro-benchmarks (ConsumerCpuBenchmark, GeneratorBenchmark, RecordReaderBenchmark), "
                    + "in forks of this jar: every argument goes to JMH's own command line as it is "
                    + "(bench jmh -h lists JMH's options, bench jmh -l the benchmarks). Not part of bench alone."
        })
final class JmhCommand implements Callable<Integer> {

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
