package io.msklambda.local.sam;

import static io.msklambda.local.sam.Intrinsics.arguments;
import static io.msklambda.local.sam.Intrinsics.canonical;
import static io.msklambda.local.sam.Intrinsics.list;
import static io.msklambda.local.sam.Intrinsics.text;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A template's {@code Conditions}, and the condition functions its {@code Rules} also use, evaluated for one set of
 * parameter values.
 */
final class Conditions {

    private final Map<String, Object> conditions;
    private final Intrinsics intrinsics;
    private final Map<String, Boolean> evaluated = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();

    /** @param intrinsics resolves the values conditions compare */
    Conditions(Map<String, Object> conditions, Intrinsics intrinsics) {
        this.conditions = conditions;
        this.intrinsics = intrinsics;
    }

    /** A condition of the {@code Conditions} section, evaluated once. */
    boolean named(String name, String path) {
        Boolean known = evaluated.get(name);
        if (known != null) {
            return known;
        }
        if (!conditions.containsKey(name)) {
            throw new IllegalArgumentException(
                    path + " names condition " + name + ", which Conditions does not define");
        }
        if (!evaluating.add(name)) {
            throw new IllegalArgumentException("Conditions." + name + " depends on itself");
        }
        boolean value = truth(conditions.get(name), "Conditions." + name);
        evaluating.remove(name);
        evaluated.put(name, value);
        return value;
    }

    /** A condition expression (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition; Fn::Contains in Rules), evaluated. */
    boolean truth(Object expression, String path) {
        if (expression instanceof Map<?, ?> given && given.size() == 1) {
            String name = String.valueOf(given.keySet().iterator().next());
            Object argument = given.values().iterator().next();
            String at = path + " (" + name + ")";
            switch (name) {
                case "Condition":
                    return named(text(argument, at), at);
                case "Fn::Equals": {
                    List<?> args = arguments(argument, 2, at);
                    Object left = intrinsics.resolve(args.get(0), at);
                    Object right = intrinsics.resolve(args.get(1), at);
                    if (left == null || right == null) {
                        throw new IllegalArgumentException(at + " compares " + args + ", which has no value locally: "
                                + "give the parameter a value");
                    }
                    return canonical(left).equals(canonical(right));
                }
                case "Fn::Not":
                    return !truth(arguments(argument, 1, at).get(0), at);
                case "Fn::And":
                    return list(argument, at).stream().allMatch(c -> truth(c, at));
                case "Fn::Or":
                    return list(argument, at).stream().anyMatch(c -> truth(c, at));
                case "Fn::Contains": {
                    List<?> args = arguments(argument, 2, at);
                    Object values = intrinsics.resolve(args.get(0), at);
                    Object value = intrinsics.resolve(args.get(1), at);
                    return values != null && list(canonical(values), at).contains(canonical(value));
                }
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(path + " is not a condition this local stack evaluates (Fn::Equals, "
                + "Fn::Not, Fn::And, Fn::Or, Condition, Fn::Contains): " + expression);
    }
}
