package io.msklambda.local.sam;

import static io.msklambda.local.sam.TemplateYaml.map;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The constraints a template declares on its parameters, checked as CloudFormation checks them before it creates a
 * stack (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html).
 */
final class ParameterConstraints {

    private ParameterConstraints() {}

    /**
     * @param definitions the template's {@code Parameters} section
     * @param values each parameter's value, given or default; a parameter without one is not checked
     */
    static void check(Map<String, Object> definitions, Map<String, String> values) {
        values.keySet().stream()
                .filter(name -> !definitions.containsKey(name))
                .findFirst()
                .ifPresent(name -> {
                    throw new IllegalArgumentException("parameter " + name + " does not exist in the template; it has "
                            + String.join(", ", definitions.keySet()));
                });
        definitions.forEach((name, definition) -> {
            String value = values.get(name);
            if (value != null) {
                check(name, map(definition), value);
            }
        });
    }

    private static void check(String name, Map<String, Object> definition, String value) {
        String type = String.valueOf(definition.get("Type"));
        String broken = null;
        if (definition.get("AllowedValues") instanceof List<?> allowed
                && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
            broken = "one of " + allowed;
        } else if (type.equals("String")
                && definition.containsKey("AllowedPattern")
                && !Pattern.matches(String.valueOf(definition.get("AllowedPattern")), value)) {
            broken = "matching " + definition.get("AllowedPattern");
        } else if (type.equals("String")
                && !within(BigDecimal.valueOf(value.length()), definition, "MinLength", "MaxLength")) {
            broken = "of length " + definition.getOrDefault("MinLength", 0) + " to "
                    + definition.getOrDefault("MaxLength", "any");
        } else if (type.equals("Number") && !isNumberWithin(value, definition)) {
            broken = "a number from " + definition.getOrDefault("MinValue", "any") + " to "
                    + definition.getOrDefault("MaxValue", "any");
        }
        if (broken != null) {
            Object description = definition.get("ConstraintDescription");
            throw new IllegalArgumentException("parameter " + name + " is " + value + "; allowed: "
                    + (description != null ? description : broken));
        }
    }

    private static boolean isNumberWithin(String value, Map<String, Object> definition) {
        try {
            return within(new BigDecimal(value.trim()), definition, "MinValue", "MaxValue");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean within(BigDecimal value, Map<String, Object> definition, String min, String max) {
        return (!definition.containsKey(min)
                        || value.compareTo(new BigDecimal(String.valueOf(definition.get(min)))) >= 0)
                && (!definition.containsKey(max)
                        || value.compareTo(new BigDecimal(String.valueOf(definition.get(max)))) <= 0);
    }
}
