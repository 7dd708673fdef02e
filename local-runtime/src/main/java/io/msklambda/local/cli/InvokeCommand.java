package io.msklambda.local.cli;

import io.msklambda.local.invoke.LocalInvocation;
import io.msklambda.local.pipeline.ExitCode;
import io.msklambda.local.stack.ClusterAccess;
import io.msklambda.local.stack.Endpoints;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code msk-local invoke}: what {@code sam local invoke} does, without Docker. */
@Command(
        name = "invoke",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Invokes one function of template.yaml once, as `sam local invoke` does: in a fresh JVM, its jar in its "
                    + "own class loader, the template's Environment (Refs to parameters resolved), Timeout and MemorySize, "
                    + "the event deserialized as the Lambda Java runtime does. Prints the result and a REPORT line.",
            "Where neither --env-vars nor the shell names a broker (BOOTSTRAP_SERVERS) or a DynamoDB endpoint "
                    + "(DYNAMODB_ENDPOINT), it starts the embedded one for the call and says so.",
            "Exit code: 0 when the handler returned; 1 when the function failed (its init or handler threw, it timed "
                    + "out, or its response was over 6 MB), with Lambda's error JSON on standard output; 2 for a bad "
                    + "option, template or event (one over 6 MB included); 3 when a broker or DynamoDB endpoint the "
                    + "variables name does not answer; 130 when interrupted (Ctrl-C or SIGTERM)."
        },
        footer = {
            "",
            "Examples:",
            "  msk-local invoke ProducerFunction --event events/scheduled-event.json",
            "  msk-local invoke ConsumerFunction --event events/msk-telemetry.json",
            "  msk-local invoke ProducerFunction -e events/scheduled-event.json --parameter-overrides Payload=orders \\",
            "      RunSeconds=5",
            "With `msk-local up` running, on the services it serves (events/env.json is for sam local invoke's containers):",
            "  msk-local invoke ProducerFunction -e events/scheduled-event.json --env-vars events/env-host.json",
            "  msk-local invoke ConsumerFunction -e events/msk-orders.json --env-vars events/env-host.json"
        })
final class InvokeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LogicalId", description = "the function's logical id in the template")
    private String logicalId;

    @Option(
            names = {"-e", "--event"},
            required = true,
            description = "the event file")
    private Path event;

    @Option(
            names = {"-n", "--env-vars"},
            description = "JSON of variables: {\"Parameters\": {...}, \"<LogicalId>\": {...}}")
    private Path envVars;

    @Option(
            names = "--parameter-overrides",
            arity = "1..*",
            description = "Key=Value pairs (or ParameterKey=K,ParameterValue=V) for the template's parameters")
    private List<String> parameterOverrides = new ArrayList<>();

    @Option(
            names = {"-t", "--template"},
            defaultValue = "template.yaml",
            description = "(default: ${DEFAULT-VALUE})")
    private Path template;

    @Option(
            names = "--authorization",
            paramLabel = "on|off|report",
            description = "with the embedded IAM broker: authorize the function's requests by its role's policies in "
                    + "the template, as MSK's IAM access control does (on); off for experiments; report: on, and list "
                    + "the granted kafka-cluster actions no request needed (default: on)")
    private ClusterAccess.Mode authorization;

    @Mixin
    private RolePolicyFiles rolePolicies;

    /** Read by {@link MskLocal} before the command runs, to set the services' log levels. */
    @Option(
            names = {"-v", "--verbose"},
            description = "print the embedded services' own log lines (the Kafka broker's, "
                    + "DynamoDB Local's), which are left out by default; the function's log is always printed")
    private boolean verbose;

    @Override
    public Integer call() throws Exception {
        try {
            LocalInvocation invocation = new LocalInvocation(
                    template,
                    logicalId,
                    event,
                    envVars,
                    ParameterOverrides.parse(parameterOverrides),
                    authorization,
                    rolePolicies.read());
            try (InterruptHandler interrupts = InterruptHandler.install(
                    invocation::interrupt, spec.commandLine().getErr())) {
                return invocation.run(
                        spec.commandLine().getOut(), spec.commandLine().getErr());
            }
        } catch (Endpoints.UnreachableException e) {
            spec.commandLine().getErr().println("invoke: " + e.getMessage());
            return ExitCode.SERVICE_FAILED;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
