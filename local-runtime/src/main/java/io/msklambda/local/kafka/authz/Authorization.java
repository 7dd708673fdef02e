package io.msklambda.local.kafka.authz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 */
public record Authorization(ClusterArn cluster, Map<String, List<IamPolicy>> byPrincipal) {

    private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:aws:sts::(\\d{12}):assumed-role/([^/]+)/.+");
    private static final Pattern ROLE = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:.*/)?([^/]+)");

    public Authorization {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(byPrincipal, "byPrincipal");
        Map<String, List<IamPolicy>> copy = new LinkedHashMap<>();
        byPrincipal.forEach((name, policies) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a principal's name is blank; policies: " + policies);
            }
            copy.put(name, List.copyOf(Objects.requireNonNull(policies, "the policies of " + name)));
        });
        byPrincipal = java.util.Collections.unmodifiableMap(copy);
    }

    /** The policies of the principal of that name; empty when it has none, which denies it everything. */
    public List<IamPolicy> policiesOf(String principalName) {
        List<IamPolicy> own = byPrincipal.get(principalName);
        if (own != null) {
            return own;
        }
        Matcher session = ASSUMED_ROLE.matcher(principalName);
        if (!session.matches()) {
            return List.of();
        }
        return byPrincipal.entrySet().stream()
            .filter(entry -> isRole(entry.getKey(), session.group(1), session.group(2)))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(List.of());
    }

    private static boolean isRole(String arn, String account, String roleName) {
        Matcher role = ROLE.matcher(arn);
        return role.matches() && role.group(1).equals(account) && role.group(2).equals(roleName);
    }
}
