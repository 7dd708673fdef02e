package io.msklambda.local.sam;

import io.msklambda.local.kafka.authz.IamPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role of the template with the identity policies the stack would attach to it, resolved for one set of
 * parameters: its inline {@code Policies}, and the {@code AWS::IAM::Policy}, {@code AWS::IAM::RolePolicy} and
 * {@code AWS::IAM::ManagedPolicy} resources that name it. What a deployment would add that the template does not hold
 * (managed policy ARNs, a permissions boundary) makes it fail, naming it: evaluating without them could allow or deny
 * otherwise than AWS.
 *
 * @param logicalId the role's logical id
 * @param arn       its ARN in the local stack, as {@code Fn::GetAtt <role>.Arn} resolves it
 * @param policies  its policies, each named {@code <role>/<policy name>}
 */
public record RolePolicies(String logicalId, String arn, List<IamPolicy> policies) {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(?:.*/)?([^/]+)");
    private static final String ROLE = "AWS::IAM::Role";

    public RolePolicies {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(arn, "arn");
        policies = List.copyOf(policies);
    }

    /**
     * The execution role of function {@code functionId}, or the role {@code assumedRoleArn} names when the function
     * assumes one (the producer's {@code IAM_ROLE_ARN}); a role of this template, or one of {@code external}.
     *
     * @param external the policies of roles outside the template, by role ARN
     * @throws IllegalArgumentException naming the function and what it lacks
     */
    public static RolePolicies of(
            SamTemplate template,
            String functionId,
            String assumedRoleArn,
            Map<String, String> parameters,
            Map<String, List<IamPolicy>> external) {
        if (assumedRoleArn != null && external.containsKey(assumedRoleArn)) {
            Matcher role = ROLE_ARN.matcher(assumedRoleArn);
            return new RolePolicies(
                    role.matches() ? role.group(2) : assumedRoleArn, assumedRoleArn, external.get(assumedRoleArn));
        }
        Object role = assumedRoleArn != null
                ? assumedRoleArn
                : template.resolvedProperties(functionId, parameters)
                        .orElseThrow()
                        .get("Role");
        String what = assumedRoleArn != null
                ? functionId + " assumes role " + assumedRoleArn
                : functionId + "'s Role " + role;
        if (role == null) {
            throw new IllegalArgumentException(functionId + " has no Role: SAM would make one whose policies the "
                    + "template does not hold; give it a Role of the template to authorize its requests locally");
        }
        Matcher arn = ROLE_ARN.matcher(String.valueOf(role));
        if (!arn.matches() || !ROLE.equals(template.resourceTypes().get(arn.group(2)))) {
            throw new IllegalArgumentException(what + " is not an AWS::IAM::Role of the template, so its policies "
                    + "are unknown here; give them with --role-policy " + role + "=<policy.json>");
        }
        return ofRole(template, arn.group(2), parameters);
    }

    /** Role {@code roleId} of the template with its policies. */
    static RolePolicies ofRole(SamTemplate template, String roleId, Map<String, String> parameters) {
        Map<String, Object> role = template.resolvedProperties(roleId, parameters)
                .orElseThrow(() -> new IllegalArgumentException(
                        "role " + roleId + " is not created with these parameters (its Condition)"));
        for (String unknown : List.of("ManagedPolicyArns", "PermissionsBoundary")) {
            Object value = role.get(unknown);
            if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                throw new IllegalArgumentException("role " + roleId + " has " + unknown + " " + value
                        + ", whose documents the template does not hold; inline them to authorize locally");
            }
        }
        List<IamPolicy> policies = new ArrayList<>();
        for (Object entry : list(role.get("Policies"))) {
            Map<?, ?> policy = entry instanceof Map<?, ?> map ? map : Map.of();
            policies.add(IamPolicy.of(roleId + "/" + policy.get("PolicyName"), policy.get("PolicyDocument")));
        }
        template.resourceTypes()
                .forEach((id, type) ->
                        attached(template, id, type, roleId, parameters).ifPresent(policies::add));
        return new RolePolicies(roleId, LocalArns.of(ROLE, roleId), policies);
    }

    /** A policy resource attached to the role, if {@code id} is one. */
    private static Optional<IamPolicy> attached(
            SamTemplate template, String id, String type, String roleId, Map<String, String> parameters) {
        if (!type.equals("AWS::IAM::Policy")
                && !type.equals("AWS::IAM::RolePolicy")
                && !type.equals("AWS::IAM::ManagedPolicy")) {
            return Optional.empty();
        }
        return template.resolvedProperties(id, parameters)
                .filter(policy -> list(policy.get("Roles")).contains(roleId) || roleId.equals(policy.get("RoleName")))
                .map(policy -> IamPolicy.of(
                        roleId + "/" + policy.getOrDefault("PolicyName", id), policy.get("PolicyDocument")));
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    /** The principal a Lambda function signs in as with this role: a session named after the function. */
    public String sessionArn(String sessionName) {
        Matcher role = ROLE_ARN.matcher(arn);
        if (!role.matches()) {
            throw new IllegalStateException("not a role ARN: " + arn);
        }
        return "arn:aws:sts::" + role.group(1) + ":assumed-role/" + role.group(2) + "/" + sessionName;
    }
}
