package io.msklambda.local.kafka.authz;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.server.authorizer.AclCreateResult;
import org.apache.kafka.server.authorizer.AclDeleteResult;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.apache.kafka.server.authorizer.Authorizer;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;
import org.apache.kafka.server.config.ServerConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local cluster's emulation of Amazon MSK's IAM access control: every action Kafka checks for an
 * IAM-authenticated principal becomes the {@code kafka-cluster} action and resource ARN of {@link MskIamActions},
 * decided by {@link PolicyEvaluator} against the principal's policies ({@link Authorization}).
 *
 * <p>Who is checked: every principal but {@code User:ANONYMOUS}. That one is the cluster itself (the brokers among
 * themselves and to the controller, over PLAINTEXT) and the clients of the PLAINTEXT and TLS listeners, which MSK
 * does not subject to IAM policies either; they are allowed everything. The authorizer runs on the controller too,
 * because brokers forward some requests there (CreateTopics), and the forwarded request keeps the client's principal.
 *
 * <p>{@code kafka-cluster:Connect}: the IAM listener checks it when the client authenticates and refuses a principal
 * without it there, as MSK does. Kafka's authorizer sees requests, not connections, so Connect is evaluated again
 * with every request, before the request's own action: a connection authenticated before its policy changed is
 * refused everything too.
 *
 * <p>An idempotent producer's InitProducerId: Kafka also lets it through when the principal may write to some topic
 * ({@link #authorizeByResourceType}); MSK's guide requires {@code kafka-cluster:WriteDataIdempotently} on the cluster
 * to produce idempotently, so here nothing is granted by resource type and Kafka checks IDEMPOTENT_WRITE.
 *
 * <p>Kafka makes the instance from {@code authorizer.class.name} and hands it the node's configuration, so the
 * policies come through a registry in this JVM: {@link #register} returns the broker properties naming them, and
 * several clusters can run side by side. No secret is involved: policies and principal names only.
 *
 * <p>A refusal is logged on one line, the way AWS words an access denial: {@code User: <principal> is not
 * authorized to perform: <action> on resource: <ARN> because <explanation>}, and kept in the {@link AccessLog}. The
 * client sees Kafka's own error for the request ({@code TopicAuthorizationException: Not authorized to access
 * topics: [t]} and the like): Kafka's protocol carries an error code, not the authorizer's reason, so the local
 * runtime adds the logged reason to the failure it reports. Connect is the exception: the IAM listener refuses a
 * principal without it at authentication, whose error message does reach the client.
 */
public final class IamAuthorizer implements Authorizer {

    /** The broker property naming the {@link Authorization} registered for this cluster. */
    public static final String REGISTRATION_CONFIG = "msklambda.iam.authorization";

    private static final Logger LOG = LoggerFactory.getLogger(IamAuthorizer.class);
    private static final Map<String, Authorization> REGISTERED = new ConcurrentHashMap<>();

    private Authorization authorization;
    private MskIamActions actions;

    /** A registered {@link Authorization}, available to the nodes configured with {@link #brokerProperties()}. */
    public static final class Registration implements AutoCloseable {
        private final String id;

        private Registration(String id) {
            this.id = id;
        }

        /** What a node's configuration needs to authorize with this registration's policies. */
        public Map<String, String> brokerProperties() {
            return Map.of(
                    ServerConfigs.AUTHORIZER_CLASS_NAME_CONFIG, IamAuthorizer.class.getName(), REGISTRATION_CONFIG, id);
        }

        /** Forgets the policies, once the cluster has stopped. */
        @Override
        public void close() {
            REGISTERED.remove(id);
        }
    }

    /** Makes {@code authorization} available to the nodes of one cluster. */
    public static Registration register(Authorization authorization) {
        String id = UUID.randomUUID().toString();
        REGISTERED.put(id, authorization);
        return new Registration(id);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object id = configs.get(REGISTRATION_CONFIG);
        if (id == null) {
            throw new ConfigException(IamAuthorizer.class.getName() + " needs " + REGISTRATION_CONFIG
                    + "; use IamAuthorizer.register(...).brokerProperties()");
        }
        authorization = REGISTERED.get(id.toString());
        if (authorization == null) {
            throw new ConfigException(REGISTRATION_CONFIG, id, "no IAM authorization is registered under this id");
        }
        actions = new MskIamActions(authorization.cluster());
    }

    /** Nothing to load: every listener may serve as soon as it opens. */
    @Override
    public Map<Endpoint, ? extends CompletionStage<Void>> start(AuthorizerServerInfo serverInfo) {
        return serverInfo.endpoints().stream()
                .collect(Collectors.toMap(Function.identity(), endpoint -> CompletableFuture.completedFuture(null)));
    }

    @Override
    public List<AuthorizationResult> authorize(AuthorizableRequestContext context, List<Action> requested) {
        KafkaPrincipal principal = context.principal();
        if (KafkaPrincipal.ANONYMOUS.equals(principal)) {
            return requested.stream().map(action -> AuthorizationResult.ALLOWED).toList();
        }
        String owner = authorization.owner(principal.getName());
        MskIamActions.Request connect = actions.connect();
        Decision connected = authorization.decide(principal.getName(), connect);
        if (connected.allowed()) {
            authorization.log().allowed(owner, connect);
        }
        return requested.stream()
                .map(action -> {
                    if (!connected.allowed()) {
                        return refuse(context, owner, action, connect, connected.explanation());
                    }
                    ResourcePattern resource = action.resourcePattern();
                    Optional<MskIamActions.Request> request =
                            actions.of(action.operation(), resource.resourceType(), resource.name());
                    if (request.isEmpty()) {
                        return refuse(context, owner, action, null, "MSK has no IAM action for it");
                    }
                    Decision decision = authorization.decide(principal.getName(), request.get());
                    if (decision.allowed()) {
                        authorization.log().allowed(owner, request.get());
                        return AuthorizationResult.ALLOWED;
                    }
                    return refuse(context, owner, action, request.get(), decision.explanation());
                })
                .toList();
    }

    /** Grants nothing by resource type: see the class comment on InitProducerId. */
    @Override
    public AuthorizationResult authorizeByResourceType(
            AuthorizableRequestContext context, AclOperation op, ResourceType resourceType) {
        return KafkaPrincipal.ANONYMOUS.equals(context.principal())
                ? AuthorizationResult.ALLOWED
                : AuthorizationResult.DENIED;
    }

    private AuthorizationResult refuse(
            AuthorizableRequestContext context,
            String owner,
            Action action,
            MskIamActions.Request request,
            String explanation) {
        // Kafka asks some questions expecting a no (may the client create topics cluster-wide, or only these?):
        // those answers are no refusal the user needs to see. IDEMPOTENT_WRITE is asked that way too, with a
        // fallback to authorizeByResourceType, which never grants here: that no is final, so it is shown.
        boolean visible = action.logIfDenied() || action.operation() == AclOperation.IDEMPOTENT_WRITE;
        if (!visible && !LOG.isDebugEnabled()) {
            return AuthorizationResult.DENIED;
        }
        AccessLog.Refusal refusal = new AccessLog.Refusal(
                context.principal().getName(),
                owner,
                request == null ? null : request.action(),
                request == null ? null : request.resourceArn(),
                explanation,
                action.operation() + " " + action.resourcePattern().resourceType() + " '"
                        + action.resourcePattern().name() + "' in " + apiName(context.requestType()));
        String line = refusal.message() + "; Kafka asked " + refusal.kafka()
                + (context.clientAddress() == null
                        ? ""
                        : " from " + context.clientAddress().getHostAddress());
        if (visible) {
            authorization.log().refused(refusal);
            LOG.info(line);
        } else {
            LOG.debug(line);
        }
        return AuthorizationResult.DENIED;
    }

    private static String apiName(int requestType) {
        return ApiKeys.hasId(requestType) ? ApiKeys.forId(requestType).name : "request type " + requestType;
    }

    /** The cluster's access rules are the policies: ACLs are not used. */
    @Override
    public List<? extends CompletionStage<AclCreateResult>> createAcls(
            AuthorizableRequestContext context, List<AclBinding> bindings) {
        return bindings.stream()
                .map(binding -> CompletableFuture.completedFuture(new AclCreateResult(aclsNotUsed())))
                .toList();
    }

    @Override
    public List<? extends CompletionStage<AclDeleteResult>> deleteAcls(
            AuthorizableRequestContext context, List<AclBindingFilter> filters) {
        return filters.stream()
                .map(filter -> CompletableFuture.completedFuture(new AclDeleteResult(aclsNotUsed())))
                .toList();
    }

    @Override
    public Iterable<AclBinding> acls(AclBindingFilter filter) {
        return List.of();
    }

    private static InvalidRequestException aclsNotUsed() {
        return new InvalidRequestException("this local cluster authorizes by IAM policies, as MSK's IAM access "
                + "control does; it keeps no ACLs");
    }

    /** Keeps the policies: a request still in flight when the node stops is decided as before, not failed. */
    @Override
    public void close() {}
}
