package io.msklambda.bench.cli;

import io.msklambda.local.cli.MskLocal;
import picocli.CommandLine;

/**
 * The benchmarks module's jar, {@code java -jar benchmarks/target/msk-bench.jar <command>}: msk-local's whole command
 * line, with the real {@code bench} in place of msk-local.jar's pointer to here.
 */
public final class MskBench {

    private MskBench() {}

    public static void main(String[] args) {
        System.exit(MskLocal.execute(commandLine(), args));
    }

    /** The configured command line, for tests (and {@code bench} alone) that run it in-process. */
    public static CommandLine commandLine() {
        return MskLocal.commandLine(new BenchCommand());
    }
}
