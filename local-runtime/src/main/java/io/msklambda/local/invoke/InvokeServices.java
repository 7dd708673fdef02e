package io.msklambda.local.invoke;

import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.Listener;
import io.msklambda.local.kafka.authz.Authorization;
import io.msklambda.local.kafka.authz.ClusterArn;
import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.kafka.authz.UnusedGrants;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.pipeline.AccessReport;
import io.msklambda.local.sam.RolePolicies;
import io.msklambda.local.sam.SamTemplate;
import io.msklambda.local.stack.ClusterAccess;
import io.msklambda.local.stack.Endpoints;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.stack.LocalStackBuilder;
import io.msklambda.model.ConfigSource;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.KafkaProperties;
import io.msklambda.producer.ProducerSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The services an invocation's function needs and names none of, started for it as one {@link LocalStack} and closed
 * in reverse order: an embedded broker listening the way its {@code AUTH_MODE} connects, its IAM requests authorized
 * by the function's role policies unless authorization is off; DynamoDB Local with the function's tables. A service
 * the variables do name must answer before anything starts.
 */
final class InvokeServices implements AutoCloseable {

    private static final String BOOTSTRAP_SERVERS = "BOOTSTRAP_SERVERS";
    private static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";

    private final SamTemplate template;
    private final SamTemplate.Function function;
    private final Map<String, String> overrides;
    private final ClusterAccess.Mode authorizationMode;
    /** The policies of roles the template names but does not create, by role ARN. */
    private final Map<String, List<IamPolicy>> externalRoles;

    private final InvokeEnvironment environment;
    /** What was started for the function; null until something is. */
    private LocalStack stack;

    private ClusterArn clusterArn;

    InvokeServices(
            SamTemplate template,
            SamTemplate.Function function,
            Map<String, String> overrides,
            ClusterAccess.Mode authorizationMode,
            Map<String, List<IamPolicy>> externalRoles,
            InvokeEnvironment environment) {
        this.template = template;
        this.function = function;
        this.overrides = overrides;
        this.authorizationMode = authorizationMode;
        this.externalRoles = externalRoles;
        this.environment = environment;
    }

    private boolean producer() {
        return FunctionSettings.isProducer(function.handlerClass())
                || environment.gives("TOPIC_NAME")
                || function.environment().containsKey("PAYLOAD");
    }

    private boolean consumer() {
        return FunctionSettings.isConsumer(function.handlerClass()) || environment.gives("AGGREGATES_TABLE");
    }

    /**
     * What invoke would give the function in place of the services it starts, for the configuration checks: the
     * values differ from the real ones only in the port a service gets.
     */
    Map<String, String> standIns() {
        Map<String, String> standIns = new HashMap<>();
        if (producer() && environment.named(BOOTSTRAP_SERVERS) == null) {
            standIns.put(BOOTSTRAP_SERVERS, "127.0.0.1:9092");
        }
        if (consumer() && environment.named(DYNAMODB_ENDPOINT) == null) {
            standIns.put(DYNAMODB_ENDPOINT, "http://127.0.0.1:8000");
        }
        if (environment.named(InvokeEnvironment.AWS_REGION) == null) {
            standIns.put(InvokeEnvironment.AWS_REGION, InvokeEnvironment.DEFAULT_REGION);
        }
        return standIns;
    }

    /**
     * The broker and the DynamoDB endpoint the variables name, rather than invoke's own, answer.
     *
     * @throws Endpoints.UnreachableException when one does not
     */
    void requireReachable() {
        String servers = environment.named(BOOTSTRAP_SERVERS);
        if (producer() && servers != null) {
            Endpoints.requireBroker(BOOTSTRAP_SERVERS + "=" + servers, servers);
        }
        String endpoint = environment.named(DYNAMODB_ENDPOINT);
        if (consumer() && endpoint != null) {
            Endpoints.requireDynamoDb(DYNAMODB_ENDPOINT + "=" + endpoint, URI.create(endpoint));
        }
    }

    /**
     * Starts what the function needs and the variables do not name, as one {@link LocalStack}, saying so on
     * {@code err}.
     */
    void startMissing(PrintWriter err) {
        boolean broker = producer() && environment.named(BOOTSTRAP_SERVERS) == null;
        boolean dynamoDb = consumer() && environment.named(DYNAMODB_ENDPOINT) == null;
        if (!broker && !dynamoDb) {
            return;
        }
        LocalStackBuilder plan = LocalStack.builder();
        AuthMode auth = auth();
        String region = environment.given(InvokeEnvironment.AWS_REGION, InvokeEnvironment.DEFAULT_REGION);
        if (broker) {
            planBroker(plan, auth, region);
        }
        String aggregates = environment.given("AGGREGATES_TABLE", null);
        String rejects = environment.given("REJECTS_TABLE", null);
        if (dynamoDb) {
            plan.dynamoDb(aggregates, rejects);
        }
        // invoke says what it started in its own words, below
        stack = plan.start();
        if (broker) {
            handOutBroker(err, auth, region);
        }
        if (dynamoDb) {
            handOutDynamoDb(err, aggregates, rejects);
        }
    }

    private AuthMode auth() {
        return new ConfigSource(Map.of(ProducerSettings.AUTH_MODE, environment.given(ProducerSettings.AUTH_MODE, "")))
                .choice(ProducerSettings.AUTH_MODE, AuthMode.IAM, AuthMode.class);
    }

    /**
     * The embedded broker, with the listener the function's {@code AUTH_MODE} connects to: for {@code iam}, a
     * SASL_SSL listener checking AWS_MSK_IAM signatures against a principal made up here, whose credentials
     * the function gets as the standard AWS variables; for {@code tls}, a TLS listener. Either way the
     * function trusts the broker's certificate through {@code KAFKA_SSL_TRUSTSTORE_*}.
     */
    private void planBroker(LocalStackBuilder plan, AuthMode auth, String region) {
        plan.kafka(auth).topic(environment.given("TOPIC_NAME", "orders"), 3);
        if (auth != AuthMode.IAM) {
            return;
        }
        plan.signingRegion(region);
        if (authorizationMode != ClusterAccess.Mode.OFF) {
            RolePolicies role = role();
            plan.principal(LocalStack.Client.PRODUCER, role.sessionArn(function.logicalId()))
                    .authorization(cluster(), Map.of(role.arn(), role.policies()));
        } else {
            plan.principal(
                    LocalStack.Client.PRODUCER,
                    "arn:aws:iam::" + SamTemplate.LOCAL_ACCOUNT + ":user/" + function.logicalId());
        }
    }

    private void handOutBroker(PrintWriter err, AuthMode auth, String region) {
        EmbeddedKafka kafka = stack.kafka().orElseThrow();
        Listener listener = Listener.of(auth);
        String topic = environment.given("TOPIC_NAME", "orders");
        environment.put(BOOTSTRAP_SERVERS, kafka.bootstrapServers(listener));
        environment.putAll(KafkaProperties.variables(kafka.trustProperties()));
        Optional<LocalPrincipal> principal = stack.principal(LocalStack.Client.PRODUCER);
        if (auth == AuthMode.IAM) {
            environment.handOut(principal.orElseThrow().environment());
            environment.put(InvokeEnvironment.AWS_REGION, region);
        }
        err.printf(
                "invoke: no %s in --env-vars or the shell: started an embedded Kafka broker at %s (%s, AUTH_MODE=%s) "
                        + "with topic %s%s%n",
                BOOTSTRAP_SERVERS,
                kafka.bootstrapServers(listener),
                listener,
                auth.name().toLowerCase(Locale.ROOT),
                topic,
                auth == AuthMode.IAM
                        ? "; the function signs in as "
                                + principal.orElseThrow().name() + " with made-up credentials "
                                + "in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for " + region
                        : "");
    }

    private void handOutDynamoDb(PrintWriter err, String aggregates, String rejects) {
        EmbeddedDynamoDb dynamoDb = stack.dynamoDb().orElseThrow();
        environment.put(DYNAMODB_ENDPOINT, dynamoDb.endpoint().toString());
        environment.handOut(Map.of(
                "AWS_ACCESS_KEY_ID",
                EmbeddedDynamoDb.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY",
                EmbeddedDynamoDb.SECRET_KEY));
        environment.put(InvokeEnvironment.AWS_REGION, EmbeddedDynamoDb.REGION);
        err.printf(
                "invoke: no %s in --env-vars or the shell: started DynamoDB Local at %s with tables %s and %s%n",
                DYNAMODB_ENDPOINT, dynamoDb.endpoint(), aggregates, rejects);
    }

    /**
     * The function's role with its policies: its execution role, or the role its {@code IAM_ROLE_ARN} assumes, with
     * the template's MSK cluster parameter naming the local cluster.
     */
    private RolePolicies role() {
        String assumed = environment.given("IAM_ROLE_ARN", null);
        try {
            return RolePolicies.of(
                    template,
                    function.logicalId(),
                    assumed == null || assumed.isBlank() ? null : assumed,
                    parameters(),
                    externalRoles);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (or run with --authorization off)", e);
        }
    }

    private Map<String, String> parameters() {
        Map<String, String> parameters = new HashMap<>(overrides);
        clusterParameter()
                .ifPresent(
                        parameter -> parameters.putIfAbsent(parameter, cluster().cluster()));
        return parameters;
    }

    /** The parameter the template's MSK event names its cluster by, if a function has one. */
    private Optional<String> clusterParameter() {
        return template.functionIds().stream()
                .map(template::mskStreamParameter)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The cluster the template's parameters name, else one made up for this invocation. */
    private ClusterArn cluster() {
        if (clusterArn == null) {
            String named = clusterParameter().map(overrides::get).orElse(null);
            clusterArn = named != null ? ClusterArn.parse(named) : SamTemplate.localCluster();
        }
        return clusterArn;
    }

    /** What the broker refused the function, and with REPORT the grants no request needed, as pipeline reports them. */
    void reportAccess(PrintWriter err) {
        Authorization authorization =
                stack == null ? null : stack.authorization().orElse(null);
        if (authorization == null) {
            return;
        }
        authorization
                .log()
                .refusals()
                .forEach(refusal ->
                        err.println("invoke: the cluster's IAM access control refused: " + refusal.message()));
        if (authorizationMode == ClusterAccess.Mode.REPORT) {
            AccessReport.printUnused(
                    err, "invoke: authorization report, " + function.logicalId(), UnusedGrants.of(authorization));
        }
    }

    /** Closes what was started, last first; a failure is said on {@code err}: the invocation's result stands. */
    void close(PrintWriter err) {
        try {
            close();
        } catch (RuntimeException e) {
            err.println("invoke: a service did not close cleanly: " + e);
            for (Throwable suppressed : e.getSuppressed()) {
                err.println("  and: " + suppressed);
            }
        }
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
    }
}
