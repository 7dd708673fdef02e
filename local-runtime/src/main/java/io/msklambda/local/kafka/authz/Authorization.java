package io.msklambda.local.kafka.authz;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whose policies the local cluster evaluates, and for which cluster's ARNs.
 *
 * <p>The key of a principal's policies is the name its Kafka principal has once the IAM listener authenticated it
 * ({@code LocalPrincipal.name()}, {@code User:<name>}): by convention the ARN of the IAM identity, such as
 * {@code arn:aws:iam::123456789012:role/ProducerRole}. A role session, named as STS names it
 * ({@code arn:aws:sts::123456789012:assumed-role/ProducerRole/<session>}), gets its role's policies when it has
 * none of its own, as a session of the role is evaluated against the role's identity policies in AWS (a role with a
 * path in its ARN is found by its name alone, since the session's ARN has no path).
 *
 * @param cluster     the cluster whose resources the policies name
 * @param byPrincipal each principal's policies, by principal name
 * @param log         what was decided, for the run's report
 */
public record Authorization(ClusterArn cluster, Map<String, List<IamPolicy>> byPrincipal, AccessLog log) {

    private static final Logger LOG = LoggerFactory.getLogger(IamAuthorizer.class);
    private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:aws:sts::(\\d{12}):assumed-role/([^/]+)/.+");
    private static final Pattern ROLE = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:.*/)?([^/]+)");

    public Authorization {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(byPrincipal, "byPrincipal");
        Objects.requireNonNull(log, "log");
        Map<String, List<IamPolicy>> copy = new LinkedHashMap<>();
        byPrincipal.forEach((name, policies) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a principal's name is blank; policies: " + policies);
            }
            copy.put(name, List.copyOf(Objects.requireNonNull(policies, "the policies of " + name)));
        });
        byPrincipal = Collections.unmodifiableMap(copy);
    }

    /** With a new, empty log. */
    public Authorization(ClusterArn cluster, Map<String, List<IamPolicy>> byPrincipal) {
        this(cluster, byPrincipal, new AccessLog());
    }

    /** The policies of the principal of that name; empty when it has none, which denies it everything. */
    public List<IamPolicy> policiesOf(String principalName) {
        return byPrincipal.getOrDefault(owner(principalName), List.of());
    }

    /**
     * The name whose policies apply to the principal of that name: its own, else (for a role session) its role's
     * when it has some; else the name itself, which has none.
     */
    public String owner(String principalName) {
        if (byPrincipal.containsKey(principalName)) {
            return principalName;
        }
        Matcher session = ASSUMED_ROLE.matcher(principalName);
        if (!session.matches()) {
            return principalName;
        }
        return byPrincipal.keySet().stream()
                .filter(name -> isRole(name, session.group(1), session.group(2)))
                .findFirst()
                .orElse(principalName);
    }

    /**
     * Refuses a principal whose policies do not allow {@code kafka-cluster:Connect} on the cluster, as MSK refuses it
     * at authentication; the refusal is logged and kept like any other.
     *
     * @throws SaslAuthenticationException worded as AWS words an access denial
     */
    public void requireConnect(String principalName) {
        MskIamActions.Request connect = new MskIamActions(cluster).connect();
        Decision decision = decide(principalName, connect);
        String owner = owner(principalName);
        if (decision.allowed()) {
            log.allowed(owner, connect);
            return;
        }
        AccessLog.Refusal refusal = new AccessLog.Refusal(
                principalName,
                owner,
                connect.action(),
                connect.resourceArn(),
                decision.explanation(),
                "to authenticate");
        log.refused(refusal);
        LOG.info(refusal.message() + "; refused at authentication");
        throw new SaslAuthenticationException(refusal.message());
    }

    /** How IAM would decide {@code request} for the principal of that name. */
    public Decision decide(String principalName, MskIamActions.Request request) {
        return PolicyEvaluator.evaluate(policiesOf(principalName), request.action(), request.resourceArn());
    }

    private static boolean isRole(String arn, String account, String roleName) {
        Matcher role = ROLE.matcher(arn);
        return role.matches() && role.group(1).equals(account) && role.group(2).equals(roleName);
    }
}
