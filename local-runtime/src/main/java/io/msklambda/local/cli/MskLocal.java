package io.msklambda.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The local runtime's command line: {@code java -jar local-runtime/target/msk-local.jar <command>}. */
@Command(name = "msk-local", mixinStandardHelpOptions = true, version = "msk-local 0.1.0",
        description = "Runs the MSK Lambda functions on this machine: an embedded Kafka cluster and DynamoDB Local, "
                + "or real endpoints.",
        subcommands = {PipelineCommand.class, InvokeCommand.class, UpCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class MskLocal {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests that run it in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new MskLocal())
                .registerConverter(java.time.Duration.class, new DurationConverter())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
