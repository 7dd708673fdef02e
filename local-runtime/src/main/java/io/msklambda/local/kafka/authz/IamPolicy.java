package io.msklambda.local.kafka.authz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An identity-based IAM policy document, as a role's inline policy or a SAM {@code Policies} entry holds it:
 * {@code Version}, an optional {@code Id}, and {@code Statement} (one object or a list), each statement with
 * {@code Effect}, {@code Action} or {@code NotAction}, {@code Resource} or {@code NotResource}, each a string or a
 * list of strings (IAM JSON policy element reference,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html).
 *
 * <p>What this emulation cannot evaluate makes the policy fail to load, naming the statement and what it holds: a
 * {@code Condition} (and its keys) on a statement that can apply to a {@code kafka-cluster} action, a policy variable
 * such as {@code ${aws:username}}, and a {@code Principal}, which belongs to resource-based policies. Evaluating a
 * policy without them could allow what AWS would deny. A Condition on any other statement (EC2, logs) is kept
 * unevaluated: such a statement never applies to what the cluster decides.
 *
 * @param name       what messages call the policy (a template's policy name, a file name)
 * @param statements its statements, in order
 */
public record IamPolicy(String name, List<Statement> statements) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> POLICY_KEYS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of(
            "Sid",
            "Effect",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Condition",
            "Principal",
            "NotPrincipal");

    public IamPolicy {
        Objects.requireNonNull(name, "name");
        if (statements == null || statements.isEmpty()) {
            throw new IllegalArgumentException("policy " + name + " has no statement");
        }
        statements = List.copyOf(statements);
    }

    /**
     * Reads a policy document from its JSON text.
     *
     * @throws IllegalArgumentException if it is not JSON, or not a policy this emulation can evaluate, saying why
     */
    public static IamPolicy parse(String name, String json) {
        Object document;
        try {
            document = JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("policy " + name + " is not JSON: " + e.getOriginalMessage(), e);
        }
        return of(name, document);
    }

    /**
     * Reads a policy document from the maps and lists a YAML or JSON parser gives.
     *
     * @throws IllegalArgumentException if it is not a policy this emulation can evaluate, saying why
     */
    public static IamPolicy of(String name, Object document) {
        Map<?, ?> policy = map(document, () -> "policy " + name + " is not a JSON object");
        unknownKeys(policy, POLICY_KEYS, "policy " + name);
        Object version = policy.get("Version");
        if (version != null && !VERSIONS.contains(version.toString())) {
            throw new IllegalArgumentException(
                    "policy " + name + " has Version '" + version + "'; IAM knows " + new TreeSet<>(VERSIONS));
        }
        Object statementElement = policy.get("Statement");
        if (statementElement == null) {
            throw new IllegalArgumentException("policy " + name + " has no Statement");
        }
        List<?> elements = statementElement instanceof List<?> list ? list : List.of(statementElement);
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            statements.add(statement(name, i + 1, elements.get(i)));
        }
        return new IamPolicy(name, statements);
    }

    private static Statement statement(String policyName, int index, Object element) {
        String where = "policy " + policyName + ", statement #" + index;
        Map<?, ?> statement = map(element, () -> where + " is not a JSON object");
        Object sidValue = statement.get("Sid");
        String sid = sidValue == null ? null : sidValue.toString();
        String named = sid == null ? where : "policy " + policyName + ", statement " + sid;
        unknownKeys(statement, STATEMENT_KEYS, named);
        refusePrincipal(statement, named);
        Statement.Effect effect = effect(statement.get("Effect"), named);
        boolean notAction = exactlyOne(statement, "Action", "NotAction", named);
        boolean notResource = exactlyOne(statement, "Resource", "NotResource", named);
        List<IamPattern> actions =
                patterns(statement.get(notAction ? "NotAction" : "Action"), IamPattern::action, named);
        if (statement.containsKey("Condition")
                && (notAction || actions.stream().anyMatch(IamPolicy::namesKafkaCluster))) {
            throw new IllegalArgumentException(named + " has a Condition (" + conditionKeys(statement.get("Condition"))
                    + ") on kafka-cluster actions, which the local cluster cannot evaluate; it would rather refuse the "
                    + "policy than allow more than AWS would");
        }
        return new Statement(
                sid,
                index,
                effect,
                notAction,
                actions,
                notResource,
                patterns(statement.get(notResource ? "NotResource" : "Resource"), IamPattern::resource, named));
    }

    /**
     * Whether an action pattern can match a {@code kafka-cluster} action. A statement whose patterns cannot (the
     * roles' EC2 and logs statements) never applies to a request this cluster decides, so its Condition is never
     * needed and the statement loads with it unevaluated.
     */
    private static boolean namesKafkaCluster(IamPattern action) {
        return MskIamActions.ALL.stream().anyMatch(action::matches);
    }

    private static void refusePrincipal(Map<?, ?> statement, String where) {
        for (String key : List.of("Principal", "NotPrincipal")) {
            if (statement.containsKey(key)) {
                throw new IllegalArgumentException(where + " has a " + key + ", which only resource-based policies "
                        + "have; a role's identity policy applies to the role");
            }
        }
    }

    /** {@code operator key} pairs of a Condition block, for the message refusing it. */
    private static String conditionKeys(Object condition) {
        if (!(condition instanceof Map<?, ?> operators)) {
            return String.valueOf(condition);
        }
        List<String> keys = new ArrayList<>();
        operators.forEach((operator, block) -> {
            if (block instanceof Map<?, ?> entries) {
                entries.keySet().forEach(key -> keys.add(operator + " " + key));
            } else {
                keys.add(String.valueOf(operator));
            }
        });
        return "condition key" + (keys.size() == 1 ? " " : "s ") + String.join(", ", keys);
    }

    private static Statement.Effect effect(Object value, String where) {
        if ("Allow".equals(value)) {
            return Statement.Effect.ALLOW;
        }
        if ("Deny".equals(value)) {
            return Statement.Effect.DENY;
        }
        throw new IllegalArgumentException(where + " has Effect '" + value + "'; it is Allow or Deny");
    }

    /** Whether the statement has {@code not} rather than {@code key}; it must have one of them, not both. */
    private static boolean exactlyOne(Map<?, ?> statement, String key, String not, String where) {
        boolean hasKey = statement.containsKey(key);
        boolean hasNot = statement.containsKey(not);
        if (hasKey == hasNot) {
            throw new IllegalArgumentException(where + " must have exactly one of " + key + " and " + not);
        }
        return hasNot;
    }

    private static List<IamPattern> patterns(Object value, Function<String, IamPattern> compile, String where) {
        List<?> values = value == null ? List.of() : value instanceof List<?> list ? list : List.of(value);
        List<IamPattern> patterns = new ArrayList<>();
        for (Object entry : values) {
            if (!(entry instanceof String text) || text.isEmpty()) {
                throw new IllegalArgumentException(
                        where + " has an action or resource that is not a non-empty string: " + entry);
            }
            if (text.contains("${")) {
                throw new IllegalArgumentException(where + " uses a policy variable in '" + text + "', which the "
                        + "local cluster cannot evaluate");
            }
            patterns.add(compile.apply(text));
        }
        return patterns;
    }

    private static void unknownKeys(Map<?, ?> element, Set<String> known, String where) {
        for (Object key : element.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(
                        where + " has an element IAM does not know: '" + key + "'; known: " + new TreeSet<>(known));
            }
        }
    }

    private static Map<?, ?> map(Object value, Supplier<String> message) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(message.get());
    }

    @Override
    public String toString() {
        return "IamPolicy[" + name + ", " + statements.size() + " statement" + (statements.size() == 1 ? "" : "s")
                + "]";
    }
}
