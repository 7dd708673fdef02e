package io.msklambda.local.invoke;

import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.dynamodb.Tables;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.Listener;
import io.msklambda.local.kafka.authz.Authorization;
import io.msklambda.local.kafka.authz.ClusterArn;
import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.kafka.authz.UnusedGrants;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.pipeline.AccessReport;
import io.msklambda.local.pipeline.ExitCode;
import io.msklambda.local.sam.RolePolicies;
import io.msklambda.local.stack.ClusterAccess;
import io.msklambda.local.stack.Endpoints;
import io.msklambda.model.ConfigSource;
import io.msklambda.model.InvalidConfigException;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.KafkaProperties;
import io.msklambda.producer.ProducerSettings;
import io.msklambda.local.sam.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One {@code invoke}: the function's settings from the template, {@code --env-vars} and the shell, the
 * embedded broker or DynamoDB Local where none is named, then a child JVM ({@link FunctionRunner}) as the
 * fresh execution environment, whose output is passed through.
 */
public final class LocalInvocation {

    private static final String BOOTSTRAP_SERVERS = "BOOTSTRAP_SERVERS";
    private static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    private static final String AWS_REGION = "AWS_REGION";
    private static final String DEFAULT_REGION = "us-east-1";
    /** Beyond the function's own timeout, for the JVM to start and stop. */
    private static final long GRACE_SECONDS = 30;
    /**
     * What the SDK's environment credentials provider reads together with {@code AWS_ACCESS_KEY_ID} and
     * {@code AWS_SECRET_ACCESS_KEY}: beside made-up keys, the shell's values would make one mismatched identity
     * (a request signed with the made-up secret and the shell's session token). {@code AWS_PROFILE} may stay: the
     * variables come before any profile in the SDK's default chain
     * (https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/credentials-chain.html), so a profile's
     * credentials are never mixed with them, and dropping it would not keep the function from ~/.aws anyway.
     */
    private static final List<String> READ_WITH_THE_KEYS = List.of("AWS_SESSION_TOKEN", "AWS_ACCOUNT_ID");

    private final SamTemplate template;
    private final Map<String, String> overrides;
    private final ClusterAccess.Mode authorizationMode;
    /** The policies of roles the template names but does not create, by role ARN. */
    private final Map<String, List<IamPolicy>> externalRoles;
    private final SamTemplate.Function function;
    private final Path event;
    /** The embedded broker's IAM access control, when it has one. */
    private Authorization authorization;
    private ClusterArn clusterArn;
    private final Map<String, String> environment = new TreeMap<>();
    /** Variables of the shell the function must not inherit (a real session token beside made-up keys). */
    private final List<String> removedFromShell = new ArrayList<>();
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
    public LocalInvocation(Path template, String logicalId, Path event, Path envVars, Map<String, String> overrides,
                           ClusterAccess.Mode authorization, Map<String, List<IamPolicy>> externalRoles) {
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
        environment.putAll(function.environment());
        if (envVars != null) {
            environment.putAll(EnvVarsFile.variables(envVars, logicalId));
        }
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
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--event %s: Lambda refuses it "
                + "(RequestEntityTooLargeException: %d byte payload is too large for the RequestResponse invocation type "
                + "(limit %d bytes))", event, bytes, LambdaError.MAX_REQUEST_BYTES));
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
        EventKind.of(event).flatMap(kind -> kind.mismatch(function.logicalId(), event, triggers()))
            .ifPresent(warning -> {
                err.println(warning);
                err.flush();
            });
        Map<String, String> standIns = standIns();
        Map<String, String> asTheFunctionSeesThem = new HashMap<>(System.getenv());
        asTheFunctionSeesThem.putAll(environment);
        asTheFunctionSeesThem.putAll(standIns);
        Optional<InvalidConfigException> refused = FunctionSettings.refused(function.handlerClass(),
            asTheFunctionSeesThem);
        List<AutoCloseable> services = new ArrayList<>();
        try {
            if (refused.isPresent()) {
                // the same variables make the same init fail in the child, before it connects to anything
                environment.putAll(standIns);
                err.println("invoke: " + function.logicalId() + "'s init refuses " + refused.get().variable()
                    + ": no service started for it");
                err.flush();
            } else {
                requireReachable();
                startMissingServices(err, services);
            }
            if (interrupted) {
                return ExitCode.INTERRUPTED;
            }
            String requestId = UUID.randomUUID().toString();
            child = start(requestId);
            MemoryLimit memory = MemoryLimit.watch(child, function.memoryMb());
            AtomicLong invoked = new AtomicLong();
            Thread copyOut = copy(child.getInputStream(), out, line -> { });
            Thread copyErr = copy(child.getErrorStream(), err, line -> {
                if (line.startsWith("START RequestId: ")) {
                    invoked.set(System.nanoTime());
                }
            });
            boolean finished = child.waitFor(function.timeoutSeconds() + GRACE_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                // the child keeps the function's timeout itself: this is a JVM that did not even get that far
                child.destroyForcibly().waitFor();
                err.printf("invoke: the function's JVM did not end within its timeout of %d s and %d s more: stopped%n",
                    function.timeoutSeconds(), GRACE_SECONDS);
            }
            copyOut.join();
            copyErr.join();
            if (memory.exceeded()) {
                reportKilled(requestId, invoked.get(), out, err);
            }
            reportAccess(err);
            if (interrupted) {
                err.println("invoke: interrupted: the function's JVM was stopped");
                return ExitCode.INTERRUPTED;
            }
            return finished && !memory.exceeded() ? child.exitValue() : ExitCode.FAILED;
        } finally {
            for (int i = services.size() - 1; i >= 0; i--) {
                try {
                    services.get(i).close();
                } catch (Exception e) {
                    // best effort: the invocation's result stands
                }
            }
        }
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
        err.printf(Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB"
            + "\tMax Memory Used: %d MB\tStatus: error\tError Type: Runtime.OutOfMemory%n", requestId, millis,
            (long) Math.ceil(millis), function.memoryMb(), function.memoryMb());
        err.printf("invoke: %s used more than its MemorySize of %d MB: Lambda kills such a sandbox; raise MemorySize%n",
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

    private boolean producer() {
        return FunctionSettings.isProducer(function.handlerClass()) || environment.containsKey("TOPIC_NAME")
            || function.environment().containsKey("PAYLOAD");
    }

    private boolean consumer() {
        return FunctionSettings.isConsumer(function.handlerClass()) || environment.containsKey("AGGREGATES_TABLE");
    }

    /**
     * What invoke would give the function in place of the services it starts, for the configuration checks: the
     * values differ from the real ones only in the port a service gets.
     */
    private Map<String, String> standIns() {
        Map<String, String> standIns = new HashMap<>();
        if (producer() && named(BOOTSTRAP_SERVERS) == null) {
            standIns.put(BOOTSTRAP_SERVERS, "127.0.0.1:9092");
        }
        if (consumer() && named(DYNAMODB_ENDPOINT) == null) {
            standIns.put(DYNAMODB_ENDPOINT, "http://127.0.0.1:8000");
        }
        if (named(AWS_REGION) == null) {
            standIns.put(AWS_REGION, DEFAULT_REGION);
        }
        return standIns;
    }

    /** The broker and the DynamoDB endpoint the variables name, rather than invoke's own, answer. */
    private void requireReachable() {
        String servers = named(BOOTSTRAP_SERVERS);
        if (producer() && servers != null) {
            Endpoints.requireBroker(BOOTSTRAP_SERVERS + "=" + servers, servers);
        }
        String endpoint = named(DYNAMODB_ENDPOINT);
        if (consumer() && endpoint != null) {
            Endpoints.requireDynamoDb(DYNAMODB_ENDPOINT + "=" + endpoint, java.net.URI.create(endpoint));
        }
    }

    private void startMissingServices(PrintWriter err, List<AutoCloseable> services) {
        if (producer() && named(BOOTSTRAP_SERVERS) == null) {
            startBroker(err, services);
        }
        if (consumer() && named(DYNAMODB_ENDPOINT) == null) {
            EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start();
            services.add(dynamoDb);
            try (DynamoDbClient client = dynamoDb.client()) {
                Tables.ensureBoth(client, environment.get("AGGREGATES_TABLE"), environment.get("REJECTS_TABLE"));
            }
            environment.put(DYNAMODB_ENDPOINT, dynamoDb.endpoint().toString());
            handOut(Map.of("AWS_ACCESS_KEY_ID", EmbeddedDynamoDb.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", EmbeddedDynamoDb.SECRET_KEY));
            environment.put("AWS_REGION", EmbeddedDynamoDb.REGION);
            err.printf("invoke: no %s in --env-vars or the shell: started DynamoDB Local at %s with tables %s and %s%n",
                    DYNAMODB_ENDPOINT, dynamoDb.endpoint(), environment.get("AGGREGATES_TABLE"),
                    environment.get("REJECTS_TABLE"));
        }
    }

    /**
     * The embedded broker, with the listener the function's {@code AUTH_MODE} connects to: for {@code iam}, a
     * SASL_SSL listener checking AWS_MSK_IAM signatures against a principal made up here, whose credentials
     * the function gets as the standard AWS variables; for {@code tls}, a TLS listener. Either way the
     * function trusts the broker's certificate through {@code KAFKA_SSL_TRUSTSTORE_*}.
     */
    private void startBroker(PrintWriter err, List<AutoCloseable> services) {
        AuthMode auth = new ConfigSource(environment).choice(ProducerSettings.AUTH_MODE, AuthMode.IAM, AuthMode.class);
        String region = environment.getOrDefault(AWS_REGION, DEFAULT_REGION);
        Listener listener = Listener.of(auth);
        EmbeddedKafka.Builder broker = EmbeddedKafka.builder();
        LocalPrincipal principal;
        if (auth == AuthMode.IAM && authorizationMode != ClusterAccess.Mode.OFF) {
            RolePolicies role = role();
            principal = LocalPrincipal.generate(role.sessionArn(function.logicalId()));
            authorization = new Authorization(cluster(), Map.of(role.arn(), role.policies()));
            broker.iam(region, principal).authorization(authorization);
        } else {
            principal = LocalPrincipal.generate("arn:aws:iam::" + SamTemplate.LOCAL_ACCOUNT + ":user/"
                + function.logicalId());
            broker.listener(listener, region, principal);
        }
        EmbeddedKafka kafka = broker.start();
        services.add(kafka);
        String topic = environment.getOrDefault("TOPIC_NAME", "orders");
        kafka.createTopic(topic, 3);
        environment.put(BOOTSTRAP_SERVERS, kafka.bootstrapServers(listener));
        environment.putAll(KafkaProperties.variables(kafka.trustProperties()));
        if (auth == AuthMode.IAM) {
            handOut(principal.environment());
            environment.put(AWS_REGION, region);
        }
        err.printf("invoke: no %s in --env-vars or the shell: started an embedded Kafka broker at %s (%s, AUTH_MODE=%s) "
                + "with topic %s%s%n", BOOTSTRAP_SERVERS, kafka.bootstrapServers(listener), listener,
                auth.name().toLowerCase(Locale.ROOT), topic, auth == AuthMode.IAM
                        ? "; the function signs in as " + principal.name() + " with made-up credentials in "
                                + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for " + region : "");
    }

    /**
     * The function's role with its policies: its execution role, or the role its {@code IAM_ROLE_ARN} assumes, with
     * the template's MSK cluster parameter naming the local cluster.
     */
    private RolePolicies role() {
        String assumed = environment.get("IAM_ROLE_ARN");
        try {
            return RolePolicies.of(template, function.logicalId(), assumed == null || assumed.isBlank() ? null
                : assumed, parameters(), externalRoles);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (or run with --authorization off)", e);
        }
    }

    private Map<String, String> parameters() {
        Map<String, String> parameters = new HashMap<>(overrides);
        clusterParameter().ifPresent(parameter -> parameters.putIfAbsent(parameter, cluster().cluster()));
        return parameters;
    }

    /** The parameter the template's MSK event names its cluster by, if a function has one. */
    private Optional<String> clusterParameter() {
        return template.functionIds().stream().map(template::mskStreamParameter).flatMap(Optional::stream)
            .findFirst();
    }

    /** The cluster the template's parameters name, else one made up for this invocation. */
    private ClusterArn cluster() {
        if (clusterArn == null) {
            String named = clusterParameter().map(overrides::get).orElse(null);
            clusterArn = named != null ? ClusterArn.parse(named)
                : SamTemplate.localCluster();
        }
        return clusterArn;
    }

    /** What the broker refused the function, and with REPORT the grants no request needed, as pipeline reports them. */
    private void reportAccess(PrintWriter err) {
        if (authorization == null) {
            return;
        }
        authorization.log().refusals().forEach(refusal ->
            err.println("invoke: the cluster's IAM access control refused: " + refusal.message()));
        if (authorizationMode == ClusterAccess.Mode.REPORT) {
            AccessReport.printUnused(err, "invoke: authorization report, " + function.logicalId(),
                UnusedGrants.of(authorization));
        }
    }

    /**
     * Gives the function credentials made up for a local service, and none of the shell's or --env-vars'
     * variables that would be read with them ({@link #READ_WITH_THE_KEYS}) unless the made-up ones set them too.
     */
    private void handOut(Map<String, String> credentials) {
        READ_WITH_THE_KEYS.forEach(environment::remove);
        removedFromShell.addAll(READ_WITH_THE_KEYS);
        environment.putAll(credentials);
    }

    /** A variable's value from --env-vars or the template, else from the shell; null if none names it. */
    private String named(String variable) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                environment.put(variable, value);
            }
        }
        return value == null || value.isBlank() ? null : value;
    }

    private Process start(String requestId) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LambdaJvm.flags(function.runtime(), function.memoryMb(), named("JAVA_TOOL_OPTIONS")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                FunctionRunner.class.getName(), function.code().jar().toString(), function.handlerClass(),
                event.toAbsolutePath().toString(), function.logicalId(), Integer.toString(function.timeoutSeconds()),
                Integer.toString(function.memoryMb()), requestId));
        ProcessBuilder builder = new ProcessBuilder(command);
        removedFromShell.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent(AWS_REGION, DEFAULT_REGION);
        // Lambda has no instance metadata service: the SDK's credential and region chains must not look for one
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        return builder.start();
    }

    /** Copies the child's lines as they come, each seen by {@code seen} first. */
    private static Thread copy(InputStream from, PrintWriter to, Consumer<String> seen) {
        Thread thread = new Thread(() -> {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    seen.accept(line);
                    to.println(line);
                    to.flush();
                }
            } catch (IOException e) {
                to.println("invoke: lost the function's output: " + e.getMessage());
            }
        }, "invoke-output");
        thread.start();
        return thread;
    }
}
