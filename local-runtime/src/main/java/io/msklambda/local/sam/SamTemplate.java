package io.msklambda.local.sam;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A SAM template as {@code sam local invoke} reads it: each function's properties merged over
 * {@code Globals.Function}, with {@code Ref}s to parameters resolved from their defaults and any overrides, a
 * {@code Ref} to a resource resolved to its logical id, and {@code Fn::Sub} filled in. Intrinsics that need a
 * deployed stack ({@code Fn::GetAtt}, conditions) resolve to nothing.
 */
public final class SamTemplate {

    /** What {@code AWS::*} pseudo parameters resolve to locally. */
    private static final Map<String, String> PSEUDO = Map.of("AWS::Region", "us-east-1",
            "AWS::AccountId", "123456789012", "AWS::StackName", "local", "AWS::Partition", "aws",
            "AWS::URLSuffix", "amazonaws.com", "AWS::NoValue", "");
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!]+)}");

    /**
     * A function as it would run.
     *
     * @param environment the resolved variables; a variable whose value cannot be resolved locally is left out
     * @param eventTypes the types of its {@code Events} (e.g. {@code MSK}, {@code Schedule})
     */
    public record Function(String logicalId, String handler, Path codeUri, String runtime, int timeoutSeconds,
                           int memoryMb, Map<String, String> environment, List<String> eventTypes) {

        /** The handler class, without the {@code ::method}. */
        public String handlerClass() {
            int method = handler.indexOf("::");
            return method < 0 ? handler : handler.substring(0, method);
        }
    }

    private final Path file;
    private final Map<String, Object> root;

    private SamTemplate(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    public static SamTemplate read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new IntrinsicTags()).load(reader);
            if (!(root instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(file + " is not a template: its top level is not a mapping");
            }
            return new SamTemplate(file, cast(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Logical ids of the {@code AWS::Serverless::Function} resources, in template order. */
    public List<String> functionIds() {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if ("AWS::Serverless::Function".equals(cast(resource).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Every resource's logical id and type. */
    public Map<String, String> resourceTypes() {
        Map<String, String> types = new TreeMap<>();
        resources().forEach((id, resource) -> types.put(id, String.valueOf(cast(resource).get("Type"))));
        return types;
    }

    /** A resource's {@code Properties} as written (intrinsics unresolved), or empty. */
    public Map<String, Object> properties(String logicalId) {
        return cast(cast(resources().get(logicalId)).getOrDefault("Properties", Map.of()));
    }

    /** Parameters without a default: a deployment must give them. */
    public List<String> requiredParameters() {
        List<String> required = new ArrayList<>();
        cast(root.getOrDefault("Parameters", Map.of())).forEach((name, definition) -> {
            if (!cast(definition).containsKey("Default")) {
                required.add(name);
            }
        });
        return required;
    }

    /** Parameter defaults, overridden by {@code overrides}. */
    public Map<String, String> parameters(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        cast(root.getOrDefault("Parameters", Map.of())).forEach((name, definition) -> {
            Object value = cast(definition).get("Default");
            if (value != null) {
                values.put(name, String.valueOf(value));
            }
        });
        values.putAll(overrides);
        return values;
    }

    /**
     * A function with its properties resolved.
     *
     * @throws IllegalArgumentException naming the functions there are, if there is no such function
     */
    public Function function(String logicalId, Map<String, String> parameterOverrides) {
        if (!functionIds().contains(logicalId)) {
            throw new IllegalArgumentException("no function " + logicalId + " in " + file + "; its functions: "
                    + String.join(", ", functionIds()));
        }
        Map<String, Object> properties = new LinkedHashMap<>(cast(cast(cast(root.getOrDefault("Globals", Map.of()))
                .getOrDefault("Function", Map.of()))));
        properties.putAll(cast(cast(resources().get(logicalId)).getOrDefault("Properties", Map.of())));
        Map<String, String> parameters = parameters(parameterOverrides);
        Map<String, String> environment = new TreeMap<>();
        Map<String, Object> variables = cast(cast(properties.getOrDefault("Environment", Map.of()))
                .getOrDefault("Variables", Map.of()));
        variables.forEach((name, value) -> {
            String resolved = resolve(value, parameters);
            if (resolved != null) {
                environment.put(name, resolved);
            }
        });
        List<String> eventTypes = new ArrayList<>();
        cast(properties.getOrDefault("Events", Map.of())).values()
                .forEach(event -> eventTypes.add(String.valueOf(cast(event).get("Type"))));
        String codeUri = Objects.requireNonNull(resolve(properties.get("CodeUri"), parameters), "CodeUri");
        return new Function(logicalId, resolve(properties.get("Handler"), parameters),
                file.toAbsolutePath().getParent().resolve(codeUri).normalize(), resolve(properties.get("Runtime"), parameters),
                Integer.parseInt(Objects.requireNonNullElse(resolve(properties.get("Timeout"), parameters), "3")),
                Integer.parseInt(Objects.requireNonNullElse(resolve(properties.get("MemorySize"), parameters), "128")),
                environment, eventTypes);
    }

    /** A value with {@code Ref} and {@code Fn::Sub} resolved; null when it needs a deployed stack. */
    String resolve(Object value, Map<String, String> parameters) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value == null ? null : String.valueOf(value);
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Object argument = map.values().iterator().next();
            switch (String.valueOf(map.keySet().iterator().next())) {
                case "Ref":
                    return reference(String.valueOf(argument), parameters);
                case "Fn::Sub":
                    return argument instanceof String text ? substitute(text, parameters) : null;
                default:
                    return null;
            }
        }
        return null;
    }

    private String reference(String name, Map<String, String> parameters) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (PSEUDO.containsKey(name)) {
            return PSEUDO.get(name);
        }
        return resources().containsKey(name) ? name : null; // a resource: its logical id, as sam local does
    }

    private String substitute(String text, Map<String, String> parameters) {
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = reference(m.group(1), parameters);
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private Map<String, Object> resources() {
        return cast(root.getOrDefault("Resources", Map.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return map instanceof Map<?, ?> ? (Map<String, Object>) map : Map.of();
    }

    /** Reads CloudFormation's short intrinsic tags ({@code !Ref x}) as their long form ({@code {Ref: x}}). */
    private static final class IntrinsicTags extends SafeConstructor {
        IntrinsicTags() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                        if (tag.equals("GetAtt")) {
                            value = List.of(String.valueOf(value).split("\\.", 2));
                        }
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    return Map.of(name, value);
                }
            });
        }
    }
}
