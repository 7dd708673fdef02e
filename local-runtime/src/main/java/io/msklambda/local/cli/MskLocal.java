package io.msklambda.local.cli;

import io.msklambda.local.pipeline.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** The local runtime's command line: {@code java -jar local-runtime/target/msk-local.jar <command>}. */
@Command(
        name = "msk-local",
        mixinStandardHelpOptions = true,
        version = "msk-local 0.1.0",
        description = "Runs the MSK Lambda functions on this machine: an embedded Kafka cluster and DynamoDB Local, "
                + "or real endpoints.",
        subcommands = {PipelineCommand.class, InvokeCommand.class, UpCommand.class})
public final class MskLocal {

    public static void main(String[] args) {
        System.exit(execute(commandLine(), args));
    }

    /**
     * Runs {@code cli} as a jar's main does: the services' log level set from the running command's
     * {@code --verbose}, then the command; returns its exit code. The benchmarks module's jar runs its command line
     * (this one and its own {@code bench}) through here too.
     */
    public static int execute(CommandLine cli, String... args) {
        return cli.setExecutionStrategy(parsed -> {
                    ServiceLogs.configure(verbose(parsed));
                    return new CommandLine.RunLast().execute(parsed);
                })
                .execute(args);
    }

    /** Whether the command that runs was given {@code --verbose}. */
    private static boolean verbose(ParseResult parsed) {
        ParseResult command = parsed;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        return command.hasMatchedOption("--verbose");
    }

    /**
     * The configured command line, for tests that run it in-process, with {@code more} commands beside msk-local's
     * own: configured alike (converters, enum case, the one-line usage error reach every command, which picocli
     * applies only to the commands added before). A command of {@code more} named {@code bench} takes the place of
     * {@link BenchPointer}, which only says where the benchmarks are: that is how the benchmarks module's jar adds
     * its own.
     *
     * @param more picocli commands (objects of {@code @Command} classes)
     */
    public static CommandLine commandLine(Object... more) {
        CommandLine cli = new CommandLine(new MskLocal());
        for (Object command : more) {
            cli.addSubcommand(command);
        }
        if (!cli.getSubcommands().containsKey(BenchPointer.NAME)) {
            cli.addSubcommand(new BenchPointer());
        }
        return cli.addSubcommand(new CommandLine.HelpCommand())
                .registerConverter(java.time.Duration.class, new DurationConverter())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(MskLocal::usageError);
    }

    /**
     * A bad option or value: the one line that says what is wrong and where help is, not the whole usage text after
     * it (which would push that line off the screen), and {@link ExitCode#USAGE}.
     */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }
}
