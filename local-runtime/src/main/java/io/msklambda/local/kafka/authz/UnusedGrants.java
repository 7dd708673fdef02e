package io.msklambda.local.kafka.authz;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code kafka-cluster} actions a principal's policies allow that none of its requests needed, as IAM Access
 * Analyzer reports unused access (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html),
 * at the finer grain of one statement: an action is used by a statement when some allowed request had that action
 * on a resource the statement names. A grant on {@code *} or through a wildcard action counts once per action.
 */
public final class UnusedGrants {

    /**
     * One action a statement allows that no request needed.
     *
     * @param owner     the principal (a role's ARN) whose policy it is
     * @param policy    the policy's name
     * @param statement the statement's Sid, or {@code #<index>}
     * @param action    the unused {@code kafka-cluster} action
     * @param resources the statement's resources, as written
     */
    public record Grant(String owner, String policy, String statement, String action, String resources) {

        @Override
        public String toString() {
            return action + " on " + resources + " (statement " + statement + " in policy " + policy + ")";
        }
    }

    private UnusedGrants() {}

    /** Every principal's unused grants, principal by principal, in policy and statement order. */
    public static List<Grant> of(Authorization authorization) {
        List<Grant> unused = new ArrayList<>();
        authorization.byPrincipal().forEach((owner, policies) -> {
            Set<MskIamActions.Request> allowed = authorization.log().allowedFor(owner);
            for (IamPolicy policy : policies) {
                for (Statement statement : policy.statements()) {
                    if (statement.effect() != Statement.Effect.ALLOW) {
                        continue;
                    }
                    for (String action : MskIamActions.ALL) {
                        if (grants(statement, action)
                                && allowed.stream()
                                        .noneMatch(request -> request.action().equals(action)
                                                && statement.appliesTo(action, request.resourceArn()))) {
                            unused.add(new Grant(
                                    owner,
                                    policy.name(),
                                    statement.label(),
                                    action,
                                    (statement.notResource() ? "everything but " : "")
                                            + statement.resources().stream()
                                                    .map(IamPattern::text)
                                                    .collect(Collectors.joining(", "))));
                        }
                    }
                }
            }
        });
        return unused;
    }

    /** Whether the statement names the action (whatever the resource). */
    private static boolean grants(Statement statement, String action) {
        return statement.actions().stream().anyMatch(pattern -> pattern.matches(action)) != statement.notAction();
    }
}
