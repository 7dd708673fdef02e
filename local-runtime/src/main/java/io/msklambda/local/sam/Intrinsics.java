package io.msklambda.local.sam;

import static io.msklambda.local.sam.TemplateYaml.map;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFormation's intrinsic functions and {@code Conditions}, resolved as for one local stack: pseudo parameters
 * name region us-east-1, account 123456789012 and stack {@code local}; a resource's {@code Ref} is its logical id, as
 * {@code sam local} resolves it, and so is the name in the ARN {@code Fn::GetAtt X.Arn} gives, so a policy's resource
 * names what the local functions call. A value that needs a deployed account ({@code Fn::ImportValue}, a parameter
 * without a value) resolves to null; {@link #NO_VALUE} removes the map key or list element holding it.
 */
final class Intrinsics {

    /** What {@code Ref: AWS::NoValue} resolves to. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private static final Map<String, Object> PSEUDO = Map.of(
            "AWS::Region",
            LocalArns.REGION,
            "AWS::AccountId",
            LocalArns.ACCOUNT,
            "AWS::StackName",
            "local",
            "AWS::Partition",
            "aws",
            "AWS::URLSuffix",
            "amazonaws.com",
            "AWS::StackId",
            "arn:aws:cloudformation:" + LocalArns.REGION + ":" + LocalArns.ACCOUNT
                    + ":stack/local/00000000-0000-0000-0000-000000000000",
            "AWS::NotificationARNs",
            List.of(),
            "AWS::NoValue",
            NO_VALUE);
    /** Functions whose value only a deployed account knows. */
    private static final Set<String> DEPLOYED_ONLY = Set.of("Fn::GetAZs", "Fn::ImportValue", "Fn::Cidr");

    private static final String KNOWN = "Ref, Condition, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or, Fn::Select, "
            + "Fn::Split, Fn::Join, Fn::Sub, Fn::GetAtt, Fn::Base64, Fn::FindInMap (and Fn::GetAZs, Fn::ImportValue, "
            + "Fn::Cidr, which resolve to nothing locally)";
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, Object> resources;
    private final Conditions conditions;
    private final Map<String, Object> mappings;
    private final Map<String, Object> parameters;

    /** @param values each parameter's value as given or defaulted; a {@code List<...>} type's is comma-separated */
    Intrinsics(Map<String, Object> root, Map<String, String> values) {
        this.resources = map(root.get("Resources"));
        this.conditions = new Conditions(map(root.get("Conditions")), this);
        this.mappings = map(root.get("Mappings"));
        this.parameters = new HashMap<>();
        map(root.get("Parameters")).forEach((name, definition) -> {
            String type = String.valueOf(map(definition).get("Type"));
            String value = values.get(name);
            if (value == null || type.startsWith("AWS::SSM::Parameter::Value")) {
                parameters.put(name, null); // known, but without a value here
            } else if (type.startsWith("List<") || type.equals("CommaDelimitedList")) {
                parameters.put(
                        name,
                        new ArrayList<>(Arrays.stream(value.split(",", -1))
                                .map(String::trim)
                                .toList()));
            } else {
                parameters.put(name, value);
            }
        });
    }

    /**
     * The value with every intrinsic function resolved.
     *
     * @param path where the value sits, e.g. {@code Resources.Fn.Properties.Timeout}, for error messages
     * @throws IllegalArgumentException naming the path, for an unknown function or one CloudFormation would reject
     */
    Object resolve(Object value, String path) {
        if (value instanceof Map<?, ?> given) {
            Map<String, Object> fields = map(given);
            if (fields.size() == 1) {
                String key = fields.keySet().iterator().next();
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return function(key, fields.get(key), path);
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            fields.forEach((key, field) -> {
                Object v = resolve(field, path + "." + key);
                if (v != NO_VALUE) {
                    resolved.put(key, v);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object v = resolve(list.get(i), path + "[" + i + "]");
                if (v != NO_VALUE) {
                    resolved.add(v);
                }
            }
            return resolved;
        }
        return value;
    }

    /** A condition of the {@code Conditions} section. */
    boolean condition(String name, String path) {
        return conditions.named(name, path);
    }

    /** A condition expression, as in {@code Conditions} or a rule's {@code Assert}. */
    boolean truth(Object expression, String path) {
        return conditions.truth(expression, path);
    }

    /** {@code Fn::GetAtt X.Arn} for a resource of the template: a plausible local ARN, or the logical id. */
    String arn(String logicalId) {
        return LocalArns.of(String.valueOf(map(resources.get(logicalId)).get("Type")), logicalId);
    }

    private Object function(String name, Object argument, String path) {
        String at = path + " (" + name + ")";
        return switch (name) {
            case "Ref" -> reference(text(resolve(argument, at), at));
            case "Fn::If" -> {
                List<?> args = arguments(argument, 3, at);
                yield resolve(condition(text(args.get(0), at), at) ? args.get(1) : args.get(2), path);
            }
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> conditions.truth(Map.of(name, argument), path);
            case "Fn::Select" -> select(arguments(argument, 2, at), at);
            case "Fn::Split" -> split(arguments(argument, 2, at), at);
            case "Fn::Join" -> join(arguments(argument, 2, at), at);
            case "Fn::Sub" -> substitute(argument, at);
            case "Fn::GetAtt" -> attribute(argument, at);
            case "Fn::Base64" -> {
                Object text = resolve(argument, at);
                yield text == null
                        ? null
                        : Base64.getEncoder().encodeToString(scalar(text, at).getBytes(StandardCharsets.UTF_8));
            }
            case "Fn::FindInMap" -> findInMap(arguments(argument, 3, at), at);
            default -> {
                if (DEPLOYED_ONLY.contains(name)) {
                    yield null;
                }
                throw new IllegalArgumentException(
                        at + ": unknown intrinsic function " + name + "; a local stack resolves " + KNOWN);
            }
        };
    }

    private Object reference(String name) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (PSEUDO.containsKey(name)) {
            return PSEUDO.get(name);
        }
        // SAM's ${Function}.Alias and .Version name the function's published alias and version
        String resource =
                name.endsWith(".Alias") || name.endsWith(".Version") ? name.substring(0, name.lastIndexOf('.')) : name;
        return resources.containsKey(resource)
                ? resource
                : null; // null: a resource SAM generates, unknown before the transform
    }

    private Object select(List<?> args, String at) {
        Object index = resolve(args.get(0), at);
        Object list = resolve(args.get(1), at);
        if (index == null || list == null) {
            return null;
        }
        List<?> items = list(list, at);
        int i = integer(index, at);
        if (i < 0 || i >= items.size()) {
            throw new IllegalArgumentException(at + ": index " + i + " is outside the list " + items);
        }
        return items.get(i);
    }

    private Object split(List<?> args, String at) {
        String delimiter = text(resolve(args.get(0), at), at);
        Object source = resolve(args.get(1), at);
        return source == null
                ? null
                : new ArrayList<>(Arrays.asList(scalar(source, at).split(Pattern.quote(delimiter), -1)));
    }

    private Object join(List<?> args, String at) {
        String delimiter = text(resolve(args.get(0), at), at);
        Object values = resolve(args.get(1), at);
        if (values == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Object part : list(values, at)) {
            if (part == null) {
                return null;
            }
            parts.add(scalar(part, at));
        }
        return String.join(delimiter, parts);
    }

    /** {@code Fn::Sub}, as a string or as [string, {name: value}]; {@code ${!x}} is the literal {@code ${x}}. */
    private Object substitute(Object argument, String at) {
        String template;
        Map<String, Object> variables = new HashMap<>();
        if (argument instanceof List<?>) {
            List<?> pair = arguments(argument, 2, at);
            template = text(pair.get(0), at);
            variables = map(resolve(pair.get(1), at));
        } else {
            template = text(argument, at);
        }
        Matcher m = SUB.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value;
            if (name.startsWith("!")) {
                value = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                value = variables.get(name);
            } else if (name.contains(".") && !name.endsWith(".Alias") && !name.endsWith(".Version")) {
                value = attribute(List.of(name.split("\\.", 2)), at);
            } else {
                value = reference(name);
            }
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(scalar(value, at)));
        }
        return m.appendTail(out).toString();
    }

    private Object attribute(Object argument, String at) {
        List<?> args = argument instanceof String text ? List.of(text.split("\\.", 2)) : arguments(argument, 2, at);
        String logicalId = text(args.get(0), at);
        String name = text(resolve(args.get(1), at), at);
        // Only ARNs are plausible before a deployment; other attributes (a stream ARN, an endpoint) are not
        return resources.containsKey(logicalId) && name.equals("Arn") ? arn(logicalId) : null;
    }

    private Object findInMap(List<?> args, String at) {
        Object value = mappings;
        for (Object key : args) {
            Object name = resolve(key, at);
            if (name == null) {
                return null;
            }
            Map<String, Object> level = map(value);
            if (!level.containsKey(scalar(name, at))) {
                throw new IllegalArgumentException(at + ": Mappings has no " + name + " in " + args);
            }
            value = level.get(scalar(name, at));
        }
        return value;
    }

    /** CloudFormation compares values as strings: a Number parameter's 5 equals the literal 5 and '5'. */
    static Object canonical(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Intrinsics::canonical).toList();
        }
        return String.valueOf(value);
    }

    static String scalar(Object value, String at) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException(at + ": expected a string, got " + value);
    }

    static String text(Object value, String at) {
        if (value instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException(at + ": expected a name or text, got " + value);
    }

    static int integer(Object value, String at) {
        try {
            return Integer.parseInt(scalar(value, at));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(at + ": expected a whole number, got " + value, e);
        }
    }

    static List<?> list(Object value, String at) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(at + ": expected a list, got " + value);
    }

    static List<?> arguments(Object value, int count, String at) {
        List<?> args = list(value, at);
        if (args.size() != count) {
            throw new IllegalArgumentException(at + " takes " + count + " arguments, got " + args.size() + ": " + args);
        }
        return args;
    }
}
