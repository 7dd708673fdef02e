package io.msklambda.local.cli;

import io.msklambda.local.invoke.EnvVarsFile;
import io.msklambda.local.kafka.authz.ClusterArn;
import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.sam.MskEventSource;
import io.msklambda.local.sam.RolePolicies;
import io.msklambda.local.sam.SamTemplate;
import io.msklambda.local.sam.ScheduleRule;
import io.msklambda.local.stack.ClusterAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What template.yaml declares for a pipeline run, as it would be deployed: the producer (the function a schedule
 * invokes) with its environment, timeout and memory, the schedule's expression and targets, and the consumer (the
 * function with a Kafka event) with its environment and its mapping. {@code --parameter-overrides} fill the
 * template's parameters and {@code --env-vars} override the functions' variables, as {@code sam local invoke} has
 * them. Without a template every lookup is empty.
 */
final class TemplateSettings {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    private final String name;
    private final SamTemplate template;
    private final Map<String, String> parameters;
    private final ClusterArn cluster;
    private final SamTemplate.Function producer;
    private final SamTemplate.Function consumer;
    private final ScheduleRule schedule;
    private final MskEventSource mapping;

    private TemplateSettings(
            String name,
            SamTemplate template,
            Map<String, String> parameters,
            ClusterArn cluster,
            SamTemplate.Function producer,
            SamTemplate.Function consumer,
            ScheduleRule schedule,
            MskEventSource mapping) {
        this.name = name;
        this.template = template;
        this.parameters = parameters;
        this.cluster = cluster;
        this.producer = producer;
        this.consumer = consumer;
        this.schedule = schedule;
        this.mapping = mapping;
    }

    static TemplateSettings none() {
        return new TemplateSettings("no template", null, Map.of(), SamTemplate.localCluster(), null, null, null, null);
    }

    /**
     * @throws IllegalArgumentException naming the template, when it has no scheduled function or no function with a
     *                                  Kafka event, or a value AWS would not take
     */
    static TemplateSettings read(Path file, Map<String, String> parameters, Path envVars) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--template " + file + ": no such file");
        }
        SamTemplate template = SamTemplate.read(file);
        String consumerId = null;
        String producerId = null;
        for (String id : template.functionIds()) {
            if (consumerId == null && template.mskEvent(id, parameters).isPresent()) {
                consumerId = id;
            }
            if (producerId == null
                    && template.scheduleRules(id, parameters).stream().anyMatch(ScheduleRule::enabled)) {
                producerId = id;
            }
        }
        if (producerId == null || consumerId == null) {
            throw new IllegalArgumentException("--template " + file + ": pipeline needs a function that an enabled "
                    + "schedule invokes and one with an MSK event; its functions: " + template.functionIds());
        }
        ClusterArn cluster = localCluster(template, consumerId, parameters);
        Map<String, String> resolved = new LinkedHashMap<>(parameters);
        template.mskStreamParameter(consumerId).ifPresent(parameter -> resolved.put(parameter, cluster.cluster()));
        String name = file.getFileName().toString();
        return new TemplateSettings(
                name,
                template,
                Map.copyOf(resolved),
                cluster,
                withEnvVars(template.function(producerId, resolved), envVars),
                withEnvVars(template.function(consumerId, resolved), envVars),
                template.scheduleRules(producerId, resolved).stream()
                        .filter(ScheduleRule::enabled)
                        .findFirst()
                        .orElseThrow(),
                template.mskEvent(consumerId, resolved).orElseThrow());
    }

    /**
     * The local cluster stands for the one the MSK event names: a parameter left unset names the local cluster (and
     * the parameter is then resolved to it).
     */
    private static ClusterArn localCluster(SamTemplate template, String consumerId, Map<String, String> parameters) {
        Optional<String> stream = template.mskStreamParameter(consumerId);
        String named = stream.isPresent()
                ? parameters.get(stream.get())
                : template.mskEvent(consumerId, parameters).orElseThrow().stream();
        return named == null
                ? SamTemplate.localCluster()
                : clusterArn(
                        stream.map(parameter -> "--parameter-overrides " + parameter)
                                .orElse("the MSK event's Stream"),
                        named);
    }

    private static ClusterArn clusterArn(String where, String arn) {
        try {
            return ClusterArn.parse(arn);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** The identity of the local cluster: the one the template's MSK event names, or a new one. */
    ClusterArn cluster() {
        return cluster;
    }

    /**
     * Who the producer and the trigger sign in as, and their roles' policies: the producer as a session of its
     * execution role, or of the role its {@code IAM_ROLE_ARN} assumes; the trigger as a session of the consumer's
     * execution role, which Lambda's event source mapping uses for the cluster
     * (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html).
     *
     * @param external the policies of roles the template names but does not create ({@code --role-policy})
     * @throws IllegalArgumentException naming the function or role whose policies cannot be known
     */
    ClusterAccess access(ClusterAccess.Mode mode, Map<String, List<IamPolicy>> external) {
        String assumed = producer.environment().get("IAM_ROLE_ARN");
        RolePolicies producerRole = RolePolicies.of(
                template,
                producer.logicalId(),
                assumed == null || assumed.isBlank() ? null : assumed,
                parameters,
                external);
        RolePolicies consumerRole = RolePolicies.of(template, consumer.logicalId(), null, parameters, external);
        return new ClusterAccess(
                mode,
                name,
                cluster,
                new ClusterAccess.Identity(producerRole.sessionArn(producer.logicalId()), producerRole),
                new ClusterAccess.Identity(consumerRole.sessionArn(consumer.logicalId()), consumerRole));
    }

    String name() {
        return name;
    }

    boolean present() {
        return producer != null;
    }

    ScheduleRule schedule() {
        return schedule;
    }

    MskEventSource mapping() {
        return mapping;
    }

    SamTemplate.Function producer() {
        return producer;
    }

    SamTemplate.Function consumer() {
        return consumer;
    }

    /** A producer variable; null without a template or when the template does not set it. */
    String producerVariable(String variable) {
        return producer == null ? null : producer.environment().get(variable);
    }

    Integer producerInteger(String variable) {
        return integer(producer, variable);
    }

    Integer consumerInteger(String variable) {
        return integer(consumer, variable);
    }

    /** The schedule's {@code rate(...)} as the time between ticks; null without a template. */
    Duration tick() {
        if (schedule == null) {
            return null;
        }
        Matcher rate = RATE.matcher(schedule.expression());
        if (!rate.matches()) {
            throw new IllegalArgumentException(name + " " + schedule.logicalId() + " ScheduleExpression "
                    + schedule.expression() + ": only a rate(...) runs locally; give --tick for a cron() schedule");
        }
        long value = Long.parseLong(rate.group(1));
        String unit = rate.group(2);
        return unit.startsWith("minute")
                ? Duration.ofMinutes(value)
                : unit.startsWith("hour") ? Duration.ofHours(value) : Duration.ofDays(value);
    }

    /**
     * A template value that names an enum constant, in any case; null when the template has none.
     *
     * @throws IllegalArgumentException naming the template, the value and the constants allowed
     */
    <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + " " + name + " '" + value + "': must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private Integer integer(SamTemplate.Function function, String variable) {
        String value = function == null ? null : function.environment().get(variable);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " " + function.logicalId() + " " + variable + " '" + value + "': must be a whole number");
        }
    }

    /** The function with {@code --env-vars} over the variables its template declares, as SAM applies them. */
    private static SamTemplate.Function withEnvVars(SamTemplate.Function function, Path envVars) {
        if (envVars == null) {
            return function;
        }
        Map<String, String> environment = new java.util.TreeMap<>(function.environment());
        EnvVarsFile.variables(envVars, function.logicalId()).forEach((variable, value) -> {
            if (environment.containsKey(variable) && value != null) {
                environment.put(variable, value);
            }
        });
        return new SamTemplate.Function(
                function.logicalId(),
                function.handler(),
                function.code(),
                function.runtime(),
                function.timeoutSeconds(),
                function.memoryMb(),
                environment,
                function.eventTypes(),
                function.asyncInvokeConfig());
    }

    @Override
    public String toString() {
        return present()
                ? String.format(
                        Locale.ROOT,
                        "%s (%s, %s, %s)",
                        name,
                        producer.logicalId(),
                        schedule.logicalId(),
                        consumer.logicalId())
                : name;
    }
}
