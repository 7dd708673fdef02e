package io.msklambda.local.sam;

import static io.msklambda.local.sam.TemplateYaml.map;

import io.msklambda.local.kafka.authz.ClusterArn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A SAM template as one local stack sees it: each function's properties merged over {@code Globals.Function} as SAM
 * merges them, parameters from their defaults and any overrides, and every intrinsic function and condition resolved
 * by {@link Intrinsics} (a resource's {@code Ref} is its logical id, as {@code sam local} has it). A value that needs a
 * deployed stack resolves to nothing, and the caller decides.
 */
public final class SamTemplate {

    /** The local stack's region: {@code AWS::Region}, and the region in the ARNs {@code Fn::GetAtt} gives. */
    public static final String LOCAL_REGION = LocalArns.REGION;
    /** The local stack's account: {@code AWS::AccountId}, and the account in those ARNs. */
    public static final String LOCAL_ACCOUNT = LocalArns.ACCOUNT;

    /**
     * A new local cluster's identity, {@code arn:aws:kafka:<local region>:<local account>:cluster/msk-local/<uuid>},
     * for a template parameter that names the MSK cluster and is not given.
     */
    public static ClusterArn localCluster() {
        return ClusterArn.generate(LOCAL_REGION, LOCAL_ACCOUNT, "msk-local");
    }

    /**
     * A function as it would run.
     *
     * @param code its {@code CodeUri}, resolved against the template's directory, and the jar it stands for
     * @param environment the resolved variables; a variable whose value cannot be resolved locally is left out
     * @param eventTypes the types of its {@code Events} (e.g. {@code MSK}, {@code Schedule})
     * @param asyncInvokeConfig its {@code EventInvokeConfig}: what an asynchronous invocation (a schedule's) retries
     */
    public record Function(
            String logicalId,
            String handler,
            FunctionCode code,
            String runtime,
            int timeoutSeconds,
            int memoryMb,
            Map<String, String> environment,
            List<String> eventTypes,
            AsyncInvokeConfig asyncInvokeConfig) {

        /** The handler class, without the {@code ::method}. */
        public String handlerClass() {
            int method = handler.indexOf("::");
            return method < 0 ? handler : handler.substring(0, method);
        }
    }

    /**
     * A function's {@code EventInvokeConfig}; null values are not set (Lambda: 2 retries, 6 hours).
     *
     * @param maximumRetryAttempts 0 to 2
     * @param maximumEventAgeInSeconds 60 to 21600
     */
    public record AsyncInvokeConfig(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds) {}

    private final Path file;
    private final Map<String, Object> root;

    private SamTemplate(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    public static SamTemplate read(Path file) {
        return new SamTemplate(file, TemplateYaml.read(file));
    }

    /** Logical ids of the {@code AWS::Serverless::Function} resources, in template order. */
    public List<String> functionIds() {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if ("AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Every resource's logical id and type. */
    public Map<String, String> resourceTypes() {
        Map<String, String> types = new TreeMap<>();
        resources()
                .forEach((id, resource) ->
                        types.put(id, String.valueOf(map(resource).get("Type"))));
        return types;
    }

    /** A resource's {@code Properties} as written (intrinsics unresolved), or empty. */
    public Map<String, Object> properties(String logicalId) {
        return map(map(resources().get(logicalId)).get("Properties"));
    }

    /**
     * A resource's {@code Properties} as the stack would have them: intrinsics and conditions resolved, what
     * {@code AWS::NoValue} removes left out (e.g. a role's policy statements, to authorize local requests).
     *
     * @return empty when the resource's {@code Condition} is false
     * @throws IllegalArgumentException for a resource the template does not have
     */
    public Optional<Map<String, Object>> resolvedProperties(String logicalId, Map<String, String> parameterOverrides) {
        if (!resources().containsKey(logicalId)) {
            throw new IllegalArgumentException("no resource " + logicalId + " in " + file);
        }
        Intrinsics intrinsics = intrinsics(parameterOverrides);
        Object condition = map(resources().get(logicalId)).get("Condition");
        if (condition != null
                && !intrinsics.condition(String.valueOf(condition), "Resources." + logicalId + ".Condition")) {
            return Optional.empty();
        }
        return Optional.of(map(intrinsics.resolve(properties(logicalId), "Resources." + logicalId + ".Properties")));
    }

    /** Parameters without a default: a deployment must give them. */
    public List<String> requiredParameters() {
        List<String> required = new ArrayList<>();
        map(root.get("Parameters")).forEach((name, definition) -> {
            if (!map(definition).containsKey("Default")) {
                required.add(name);
            }
        });
        return required;
    }

    /** Parameter defaults, overridden by {@code overrides}. */
    public Map<String, String> parameters(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        map(root.get("Parameters")).forEach((name, definition) -> {
            Object value = map(definition).get("Default");
            if (value != null) {
                values.put(name, String.valueOf(value));
            }
        });
        values.putAll(overrides);
        return values;
    }

    /**
     * Checks each parameter's value, given or default, against its {@code AllowedValues}, {@code AllowedPattern},
     * {@code MinLength}/{@code MaxLength} and {@code MinValue}/{@code MaxValue}, as CloudFormation does before it
     * creates a stack. A parameter without a value is not checked: locally, a value that needs a deployment stays unset.
     *
     * @throws IllegalArgumentException naming the parameter, the value and its {@code ConstraintDescription} (or the
     *                                  constraint), or an override the template has no parameter for
     */
    public void checkParameters(Map<String, String> parameterOverrides) {
        ParameterConstraints.check(map(root.get("Parameters")), parameters(parameterOverrides));
    }

    /**
     * A function with its properties resolved.
     *
     * @throws IllegalArgumentException naming the functions there are, if there is no such function
     */
    public Function function(String logicalId, Map<String, String> parameterOverrides) {
        Map<String, Object> properties = resolvedFunction(logicalId, intrinsics(parameterOverrides));
        PropertyReader reader = new PropertyReader(properties, "Resources." + logicalId + ".Properties");
        Map<String, String> environment = new TreeMap<>();
        PropertyReader variables = reader.child("Environment").child("Variables");
        variables.names().forEach(name -> {
            String value = variables.text(name);
            if (value != null) {
                environment.put(name, value);
            }
        });
        List<String> eventTypes = new ArrayList<>();
        map(properties.get("Events"))
                .values()
                .forEach(event -> eventTypes.add(String.valueOf(map(event).get("Type"))));
        String codeUri = Objects.requireNonNull(reader.text("CodeUri"), "CodeUri");
        PropertyReader async = reader.child("EventInvokeConfig");
        return new Function(
                logicalId,
                reader.text("Handler"),
                FunctionCode.of(
                        file.toAbsolutePath().getParent().resolve(codeUri).normalize()),
                reader.text("Runtime"),
                Objects.requireNonNullElse(reader.integer("Timeout", 1, 900), 3),
                Objects.requireNonNullElse(reader.integer("MemorySize", 128, 10_240), 128),
                environment,
                eventTypes,
                new AsyncInvokeConfig(
                        async.integer("MaximumRetryAttempts", 0, 2),
                        async.integer("MaximumEventAgeInSeconds", 60, 21_600)));
    }

    /**
     * Every schedule that invokes the function: the {@code AWS::Events::Rule}s with a {@code ScheduleExpression} and
     * the {@code AWS::Scheduler::Schedule}s whose target is the function ({@code Ref}, {@code Ref X.Alias} or
     * {@code GetAtt X.Arn}), in template order, then the function's own {@code Schedule} and {@code ScheduleV2}
     * events. Resources and targets that a false condition removes are not listed; a rule lists only the targets that
     * invoke the function.
     *
     * @throws IllegalArgumentException naming the template path of a value AWS would not take
     */
    public List<ScheduleRule> scheduleRules(String functionLogicalId, Map<String, String> parameterOverrides) {
        Intrinsics intrinsics = intrinsics(parameterOverrides);
        Map<String, Object> events =
                map(resolvedFunction(functionLogicalId, intrinsics).get("Events"));
        return new ScheduleRules(intrinsics, functionLogicalId)
                .read(resources(), events, eventsPath(functionLogicalId));
    }

    /**
     * The function's {@code MSK} (or {@code SelfManagedKafka}) event, with every property SAM takes for it.
     *
     * @return empty when the function has no Kafka event
     * @throws IllegalArgumentException naming the template path, the value and what is allowed, for a value out of
     *                                  AWS's range, and for a second Kafka event
     */
    public Optional<MskEventSource> mskEvent(String functionLogicalId, Map<String, String> parameterOverrides) {
        Map<String, Object> events = map(resolvedFunction(functionLogicalId, intrinsics(parameterOverrides))
                .get("Events"));
        return MskEvents.read(functionLogicalId, events, eventsPath(functionLogicalId));
    }

    /**
     * The parameter a function's MSK event names its cluster by ({@code Stream: !Ref <parameter>}), so that a local
     * run can give it the local cluster's ARN; empty when the function has no MSK event or names its cluster otherwise.
     */
    public Optional<String> mskStreamParameter(String functionLogicalId) {
        for (Object event : map(properties(functionLogicalId).get("Events")).values()) {
            Map<String, Object> fields = map(event);
            Object stream = map(fields.get("Properties")).get("Stream");
            if ("MSK".equals(fields.get("Type"))
                    && stream instanceof Map<?, ?> ref
                    && ref.size() == 1
                    && ref.get("Ref") instanceof String name
                    && map(root.get("Parameters")).containsKey(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /**
     * The resolver for a stack with these parameters, once the template's {@code Rules} accept them, as
     * CloudFormation checks them before it creates or updates a stack.
     *
     * @throws IllegalArgumentException naming the rule and its {@code AssertDescription}
     */
    private Intrinsics intrinsics(Map<String, String> parameterOverrides) {
        Intrinsics intrinsics = new Intrinsics(root, parameters(parameterOverrides));
        map(root.get("Rules")).forEach((name, definition) -> {
            PropertyReader rule = new PropertyReader(definition, "Rules." + name);
            if (rule.has("RuleCondition")
                    && !intrinsics.truth(rule.value("RuleCondition"), "Rules." + name + ".RuleCondition")) {
                return;
            }
            for (PropertyReader assertion : rule.children("Assertions")) {
                if (!intrinsics.truth(assertion.value("Assert"), "Rules." + name + ".Assertions")) {
                    throw new IllegalArgumentException(
                            "Rules." + name + " refuses these parameters: " + assertion.text("AssertDescription"));
                }
            }
        });
        return intrinsics;
    }

    /**
     * The function's properties over {@code Globals.Function}'s, merged as SAM's globals plugin merges them (maps
     * merged, lists appended to the global entries, anything else, an intrinsic function included, replaced), then
     * resolved.
     */
    private Map<String, Object> resolvedFunction(String logicalId, Intrinsics intrinsics) {
        if (!functionIds().contains(logicalId)) {
            throw new IllegalArgumentException("no function " + logicalId + " in " + file + "; its functions: "
                    + String.join(", ", functionIds()));
        }
        Object merged = merge(map(root.get("Globals")).get("Function"), properties(logicalId));
        return map(intrinsics.resolve(merged, "Resources." + logicalId + ".Properties"));
    }

    private static Object merge(Object global, Object own) {
        if (own == null) {
            return global;
        }
        if (isPlainMap(global) && isPlainMap(own)) {
            Map<String, Object> merged = new LinkedHashMap<>(map(global));
            map(own).forEach((key, value) -> merged.put(key, merge(merged.get(key), value)));
            return merged;
        }
        if (global instanceof List<?> globalList && own instanceof List<?> ownList) {
            List<Object> merged = new ArrayList<>(globalList);
            merged.addAll(ownList);
            return merged;
        }
        return own;
    }

    private static boolean isPlainMap(Object value) {
        Map<String, Object> fields = map(value);
        return value instanceof Map<?, ?>
                && !(fields.size() == 1
                        && fields.keySet().stream().anyMatch(key -> key.equals("Ref") || key.startsWith("Fn::")));
    }

    private static String eventsPath(String functionLogicalId) {
        return "Resources." + functionLogicalId + ".Properties.Events";
    }

    private Map<String, Object> resources() {
        return map(root.get("Resources"));
    }
}
