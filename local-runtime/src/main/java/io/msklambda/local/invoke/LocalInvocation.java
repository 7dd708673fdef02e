package io.msklambda.local.invoke;

import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.pipeline.ExitCode;
import io.msklambda.local.sam.SamTemplate;
import io.msklambda.local.stack.ClusterAccess;
import io.msklambda.local.stack.Endpoints;
import io.msklambda.model.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One {@code invoke}: the function's settings from the template, {@code --env-vars} and the shell, the
 * embedded broker or DynamoDB Local where none is named, then a child JVM ({@link FunctionRunner}) as the
 * fresh execution environment, whose output is passed through.
 */
public final class LocalInvocation {

    /** Beyond the function's own timeout, for the JVM to start and stop. */
    private static final long GRACE_SECONDS = 30;

    private final SamTemplate template;
    private final Map<String, String> overrides;
    private final ClusterAccess.Mode authorizationMode;
    /** The policies of roles the template names but does not create, by role ARN. */
    private final Map<String, List<IamPolicy>> externalRoles;

    private final SamTemplate.Function function;
    private final Path event;
    private final InvokeEnvironment environment;
    private volatile Process child;
    private volatile boolean interrupted;

    /** @throws IllegalArgumentException naming what is wrong: the template, the function, the jar, the event */
    public LocalInvocation(Path template, String logicalId, Path event, Path envVars, Map<String, String> overrides) {
        this(template, logicalId, event, envVars, overrides, null, Map.of());
    }

    /**
     * The same; with an embedded IAM broker, its requests are authorized by the function's role policies unless
     * {@code authorization} is OFF (null: ON).
     *
     * @param externalRoles the policies of roles the template names but does not create, by role ARN
     */
    public LocalInvocation(
            Path template,
            String logicalId,
            Path event,
            Path envVars,
            Map<String, String> overrides,
            ClusterAccess.Mode authorization,
            Map<String, List<IamPolicy>> externalRoles) {
        if (!Files.isRegularFile(template)) {
            throw new IllegalArgumentException("no template at " + template.toAbsolutePath());
        }
        this.template = SamTemplate.read(template);
        this.overrides = Map.copyOf(overrides);
        this.authorizationMode = authorization == null ? ClusterAccess.Mode.ON : authorization;
        this.externalRoles = Map.copyOf(externalRoles);
        this.function = this.template.function(logicalId, overrides);
        if (!function.code().built()) {
            throw new IllegalArgumentException(function.code().notBuilt(logicalId));
        }
        if (!Files.isRegularFile(event)) {
            throw new IllegalArgumentException("no event file at " + event.toAbsolutePath());
        }
        requireInvokable(event);
        this.event = event;
        this.environment = new InvokeEnvironment(function.environment(), envVars, logicalId);
        // set by the runtime: where a relative PAYLOAD_SPEC is read from, as from /var/task when deployed
        // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime)
        this.environment.put(
                "LAMBDA_TASK_ROOT", function.code().taskRoot().toAbsolutePath().toString());
    }

    /**
     * Stops the invocation from another thread (a signal handler): the function's JVM is stopped where it is, the
     * services close and {@link #run} returns {@link ExitCode#INTERRUPTED}.
     */
    public void interrupt() {
        interrupted = true;
        Process running = child;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    /**
     * The Invoke API refuses a request over 6 MB before any function runs
     * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html); its message, as the SDKs show it.
     */
    private static void requireInvokable(Path event) {
        long bytes;
        try {
            bytes = Files.size(event);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the event " + event + ": " + e.getMessage(), e);
        }
        if (bytes > LambdaError.MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "--event %s: Lambda refuses it "
                            + "(RequestEntityTooLargeException: %d byte payload is too large for the RequestResponse invocation type "
                            + "(limit %d bytes))",
                    event,
                    bytes,
                    LambdaError.MAX_REQUEST_BYTES));
        }
    }

    /**
     * Runs the function once; returns the child's exit code (0 returned, 1 failed: init, handler, timeout, size).
     * Before anything starts: a warning for an event its trigger never sends, the function's own configuration checks
     * (when it fails them, no service starts and its init fails as in Lambda) and the endpoints it names must answer.
     *
     * @throws Endpoints.UnreachableException when a broker or DynamoDB endpoint the variables name does not answer
     */
    public int run(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        EventKind.of(event)
                .flatMap(kind -> kind.mismatch(function.logicalId(), event, triggers()))
                .ifPresent(warning -> {
                    err.println(warning);
                    err.flush();
                });
        InvokeServices services =
                new InvokeServices(template, function, overrides, authorizationMode, externalRoles, environment);
        try {
            prepare(services, err);
            if (interrupted) {
                return ExitCode.INTERRUPTED;
            }
            int exit = runFunction(out, err);
            services.reportAccess(err);
            if (interrupted) {
                err.println("invoke: interrupted: the function's JVM was stopped");
                return ExitCode.INTERRUPTED;
            }
            return exit;
        } finally {
            services.close(err);
        }
    }

    /**
     * The function's own configuration checks on the variables it will get; when they pass, the endpoints it names
     * must answer and the services it names none of start. When they fail, nothing starts: the same variables make the
     * same init fail in the child, before it connects to anything.
     */
    private void prepare(InvokeServices services, PrintWriter err) {
        Map<String, String> standIns = services.standIns();
        Optional<InvalidConfigException> refused =
                FunctionSettings.refused(function.handlerClass(), environment.asTheFunctionSeesThem(standIns));
        if (refused.isPresent()) {
            environment.putAll(standIns);
            err.println("invoke: " + function.logicalId() + "'s init refuses "
                    + refused.get().variable() + ": no service started for it");
            err.flush();
        } else {
            services.requireReachable();
            services.startMissing(err);
        }
    }

    /** The function in a JVM of its own, once: its output passed through, its timeout and memory held to. */
    private int runFunction(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        String requestId = UUID.randomUUID().toString();
        child = start(requestId);
        MemoryLimit memory = MemoryLimit.watch(child, function.memoryMb());
        AtomicLong invoked = new AtomicLong();
        Thread copyOut = copy(child.getInputStream(), out, line -> {});
        Thread copyErr = copy(child.getErrorStream(), err, line -> {
            if (line.startsWith("START RequestId: ")) {
                invoked.set(System.nanoTime());
            }
        });
        boolean finished = child.waitFor(function.timeoutSeconds() + GRACE_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            // the child keeps the function's timeout itself: this is a JVM that did not even get that far
            child.destroyForcibly().waitFor();
            err.printf(
                    "invoke: the function's JVM did not end within its timeout of %d s and %d s more: stopped%n",
                    function.timeoutSeconds(), GRACE_SECONDS);
        }
        copyOut.join();
        copyErr.join();
        if (memory.exceeded()) {
            reportKilled(requestId, invoked.get(), out, err);
            return ExitCode.FAILED;
        }
        return finished ? child.exitValue() : ExitCode.FAILED;
    }

    /**
     * What Lambda writes when it kills a sandbox for its memory: the runtime's exit, then END and a REPORT whose
     * status names the cause, and {@code Runtime.ExitError} as the response (the lines as CloudWatch shows them; the
     * platform.report event's fields: https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html).
     *
     * @param invokedNanos when the function's runner said START, or 0 if it was killed before (in its init)
     */
    private void reportKilled(String requestId, long invokedNanos, PrintWriter out, PrintWriter err) {
        LambdaError killed = LambdaError.killed(requestId);
        double millis = invokedNanos == 0 ? 0 : (System.nanoTime() - invokedNanos) / 1e6;
        if (invokedNanos == 0) {
            err.println("START RequestId: " + requestId + " Version: $LATEST");
        }
        err.println(killed.errorMessage());
        err.println(killed.errorType());
        err.println("END RequestId: " + requestId);
        err.printf(
                Locale.ROOT,
                "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB"
                        + "\tMax Memory Used: %d MB\tStatus: error\tError Type: Runtime.OutOfMemory%n",
                requestId,
                millis,
                (long) Math.ceil(millis),
                function.memoryMb(),
                function.memoryMb());
        err.printf(
                "invoke: %s used more than its MemorySize of %d MB: Lambda kills such a sandbox; raise MemorySize%n",
                function.logicalId(), function.memoryMb());
        err.flush();
        out.println(killed.toJson());
        out.flush();
    }

    /** The function's SAM events by name, with their types. */
    private Map<String, String> triggers() {
        Map<String, String> triggers = new TreeMap<>();
        if (template.properties(function.logicalId()).get("Events") instanceof Map<?, ?> events) {
            events.forEach((name, source) -> {
                if (source instanceof Map<?, ?> properties && properties.get("Type") instanceof String type) {
                    triggers.put(String.valueOf(name), type);
                }
            });
        }
        return triggers;
    }

    private Process start(String requestId) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(
                LambdaJvm.flags(function.runtime(), function.memoryMb(), environment.named("JAVA_TOOL_OPTIONS")));
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                FunctionRunner.class.getName(),
                function.code().jar().toString(),
                function.handlerClass(),
                event.toAbsolutePath().toString(),
                function.logicalId(),
                Integer.toString(function.timeoutSeconds()),
                Integer.toString(function.memoryMb()),
                requestId));
        ProcessBuilder builder = new ProcessBuilder(command);
        environment.applyTo(builder.environment());
        // Lambda has no instance metadata service: the SDK's credential and region chains must not look for one
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        return builder.start();
    }

    /** Copies the child's lines as they come, each seen by {@code seen} first. */
    private static Thread copy(InputStream from, PrintWriter to, Consumer<String> seen) {
        Thread thread = new Thread(
                () -> {
                    try (var reader =
                            new java.io.BufferedReader(new java.io.InputStreamReader(from, StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            seen.accept(line);
                            to.println(line);
                            to.flush();
                        }
                    } catch (IOException e) {
                        to.println("invoke: lost the function's output: " + e.getMessage());
                    }
                },
                "invoke-output");
        thread.start();
        return thread;
    }
}
