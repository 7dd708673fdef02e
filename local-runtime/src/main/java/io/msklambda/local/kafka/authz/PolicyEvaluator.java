package io.msklambda.local.kafka.authz;

import java.util.List;

/**
 * Decides a request against a principal's identity-based policies the way IAM does within one account, where no
 * resource-based policy, boundary, session policy or SCP is involved (Policy evaluation logic,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): an explicit Deny in
 * any statement that applies wins; otherwise an Allow that applies allows; otherwise the request is implicitly
 * denied.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {}

    /**
     * @param policies    every policy attached to the principal
     * @param action      the action requested, such as {@code kafka-cluster:WriteData}
     * @param resourceArn the ARN of the resource it acts on
     */
    public static Decision evaluate(List<IamPolicy> policies, String action, String resourceArn) {
        Decision allow = null;
        for (IamPolicy policy : policies) {
            for (Statement statement : policy.statements()) {
                if (!statement.appliesTo(action, resourceArn)) {
                    continue;
                }
                if (statement.effect() == Statement.Effect.DENY) {
                    return Decision.deniedBy(policy.name(), statement.label());
                }
                if (allow == null) {
                    allow = Decision.allowedBy(policy.name(), statement.label());
                }
            }
        }
        return allow == null ? Decision.implicitDeny() : allow;
    }
}
