package io.msklambda.local.sam;

import static io.msklambda.local.sam.TemplateYaml.map;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a function's Kafka event and checks it against the limits of AWS's CreateEventSourceMapping API
 * (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html) and of the Kafka pages it links.
 */
final class MskEvents {

    /** What SAM takes on an {@code MSK} event (samtranslator 1.110, MSKEventProperties). */
    private static final Set<String> MSK = Set.of(
            "BatchSize",
            "BisectBatchOnFunctionError",
            "ConsumerGroupId",
            "DestinationConfig",
            "Enabled",
            "FilterCriteria",
            "FunctionResponseTypes",
            "KmsKeyArn",
            "LoggingConfig",
            "MaximumBatchingWindowInSeconds",
            "MaximumRecordAgeInSeconds",
            "MaximumRetryAttempts",
            "MetricsConfig",
            "ProvisionedPollerConfig",
            "SchemaRegistryConfig",
            "SourceAccessConfigurations",
            "StartingPosition",
            "StartingPositionTimestamp",
            "Stream",
            "Topics");
    /** What SAM takes on a {@code SelfManagedKafka} event: the same, with bootstrap servers instead of a stream. */
    private static final Set<String> SELF_MANAGED = Stream.concat(
                    MSK.stream().filter(name -> !name.equals("Stream")), Stream.of("KafkaBootstrapServers"))
            .collect(Collectors.toUnmodifiableSet());
    /** Properties with a component of their own in {@link MskEventSource}; the rest go to its otherProperties. */
    private static final Set<String> MAPPED = Set.of(
            "Stream",
            "Topics",
            "StartingPosition",
            "StartingPositionTimestamp",
            "BatchSize",
            "MaximumBatchingWindowInSeconds",
            "ConsumerGroupId",
            "FilterCriteria",
            "DestinationConfig",
            "MaximumRetryAttempts",
            "MaximumRecordAgeInSeconds",
            "BisectBatchOnFunctionError",
            "FunctionResponseTypes",
            "ProvisionedPollerConfig",
            "Enabled");
    /** Filters per mapping, Lambda's default quota: https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html */
    private static final int MAX_FILTERS = 5;

    private static final int MAX_PATTERN_LENGTH = 4096;
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9_-][a-zA-Z0-9._-]{0,248}");
    private static final Pattern CONSUMER_GROUP = Pattern.compile("[a-zA-Z0-9\\-/*:_+=.@]{1,200}");
    /** OnFailure destinations a Kafka mapping takes (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html). */
    private static final String KAFKA_DESTINATION = "kafka://";

    private static final Pattern DESTINATION = Pattern.compile(KAFKA_DESTINATION + "[a-zA-Z0-9_-][a-zA-Z0-9._-]{0,248}"
            + "|arn:aws[a-zA-Z0-9-]*:(sqs|sns):[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,256}"
            + "|arn:aws[a-zA-Z0-9-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final String RETRY_PAGE =
            "https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html";

    private MskEvents() {}

    /**
     * @param events the function's {@code Events}, resolved
     * @param eventsPath where they sit in the template
     */
    static Optional<MskEventSource> read(String functionId, Map<String, Object> events, String eventsPath) {
        List<String> kafka = new ArrayList<>();
        events.forEach((id, event) -> {
            Object type = map(event).get("Type");
            if ("MSK".equals(type) || "SelfManagedKafka".equals(type)) {
                kafka.add(id);
            }
        });
        if (kafka.isEmpty()) {
            return Optional.empty();
        }
        if (kafka.size() > 1) {
            throw new IllegalArgumentException(eventsPath + " has " + kafka.size() + " Kafka events " + kafka
                    + "; a local stack runs one trigger a function");
        }
        String eventId = kafka.get(0);
        boolean msk = "MSK".equals(map(events.get(eventId)).get("Type"));
        PropertyReader p = new PropertyReader(
                map(events.get(eventId)).get("Properties"), eventsPath + "." + eventId + ".Properties");
        p.allowOnly(msk ? MSK : SELF_MANAGED, "an " + (msk ? "MSK" : "SelfManagedKafka") + " event (SAM)");
        return Optional.of(source(functionId + eventId, msk, p));
    }

    private static MskEventSource source(String logicalId, boolean msk, PropertyReader p) {
        List<String> topics = topics(p);
        PropertyReader pollers = p.child("ProvisionedPollerConfig");
        pollers.allowOnly(Set.of("MinimumPollers", "MaximumPollers", "PollerGroupName"), "ProvisionedPollerConfig");
        Integer minimumPollers = pollers.integer("MinimumPollers", 1, 200);
        Integer maximumPollers = pollers.integer("MaximumPollers", 1, 2000);
        if (minimumPollers != null && maximumPollers != null && maximumPollers < minimumPollers) {
            throw pollers.invalid("MaximumPollers", maximumPollers, "at least MinimumPollers (" + minimumPollers + ")");
        }
        boolean provisioned = p.has("ProvisionedPollerConfig");
        Map<String, Object> other = new LinkedHashMap<>();
        p.names().stream().filter(name -> !MAPPED.contains(name)).forEach(name -> other.put(name, p.value(name)));
        if (pollers.has("PollerGroupName")) {
            other.put("ProvisionedPollerConfig.PollerGroupName", pollers.text("PollerGroupName"));
        }
        return new MskEventSource(
                logicalId,
                msk ? p.requiredText("Stream", "an MSK event") : null,
                topics,
                startingPosition(p),
                startingTimestamp(p),
                p.integer("BatchSize", 1, 10_000),
                p.integer("MaximumBatchingWindowInSeconds", 0, 300),
                consumerGroup(p),
                filterPatterns(p),
                destination(p, topics),
                provisionedOnly(p, provisioned, "MaximumRetryAttempts", p.integer("MaximumRetryAttempts", -1, 10_000)),
                provisionedOnly(
                        p,
                        provisioned,
                        "MaximumRecordAgeInSeconds",
                        p.integer(
                                "MaximumRecordAgeInSeconds",
                                v -> v == -1 || v >= 60 && v <= 604_800,
                                "-1 (no limit) or 60 to 604800")),
                provisionedOnly(p, provisioned, "BisectBatchOnFunctionError", p.bool("BisectBatchOnFunctionError")),
                provisionedOnly(p, provisioned, "FunctionResponseTypes", responseTypes(p)),
                minimumPollers,
                maximumPollers,
                p.bool("Enabled"),
                other);
    }

    /** The Kafka error handling controls need provisioned mode (see the console steps on {@link #RETRY_PAGE}). */
    private static <T> T provisionedOnly(PropertyReader p, boolean provisioned, String name, T value) {
        if (value != null && !provisioned) {
            throw p.invalid(
                    name,
                    value,
                    "only with ProvisionedPollerConfig: Kafka error handling controls need provisioned mode ("
                            + RETRY_PAGE + ")");
        }
        return value;
    }

    /** One topic: the API takes a list of exactly one. */
    private static List<String> topics(PropertyReader p) {
        List<String> topics = p.texts("Topics");
        if (topics == null || topics.size() != 1) {
            throw p.invalid("Topics", topics, "a list of exactly one topic name");
        }
        String topic = topics.get(0);
        if (topic != null && !TOPIC.matcher(topic).matches()) {
            throw p.invalid(
                    "Topics",
                    topics,
                    "a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-', not starting with '.'");
        }
        return topics;
    }

    private static String startingPosition(PropertyReader p) {
        String position = p.requiredText("StartingPosition", "a Kafka event");
        if (position != null
                && !Set.of("LATEST", "TRIM_HORIZON", "AT_TIMESTAMP").contains(position)) {
            throw p.invalid("StartingPosition", position, "LATEST, TRIM_HORIZON or AT_TIMESTAMP");
        }
        if ("AT_TIMESTAMP".equals(position) && p.value("StartingPositionTimestamp") == null) {
            throw p.invalid(
                    "StartingPositionTimestamp", "missing", "a time in Unix seconds, which AT_TIMESTAMP requires");
        }
        return position;
    }

    /** Unix time in seconds, maybe with a fraction; never in the future (the API refuses that). */
    private static Instant startingTimestamp(PropertyReader p) {
        String text = p.text("StartingPositionTimestamp");
        if (text == null) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(text);
            Instant time = Instant.ofEpochSecond(
                    seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
            if (!time.isAfter(Instant.now()) && seconds.signum() >= 0) {
                return time;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw p.invalid("StartingPositionTimestamp", text, "a time in Unix seconds, not in the future");
    }

    private static String consumerGroup(PropertyReader p) {
        String group = p.text("ConsumerGroupId");
        if (group != null && !CONSUMER_GROUP.matcher(group).matches()) {
            throw p.invalid("ConsumerGroupId", group, "1 to 200 letters, digits or -/*:_+=.@");
        }
        return group;
    }

    private static List<String> filterPatterns(PropertyReader p) {
        if (!p.has("FilterCriteria")) {
            return null;
        }
        PropertyReader criteria = p.child("FilterCriteria");
        criteria.allowOnly(Set.of("Filters"), "FilterCriteria");
        List<PropertyReader> filters = criteria.children("Filters");
        if (filters.size() > MAX_FILTERS) {
            throw criteria.invalid(
                    "Filters",
                    filters.size() + " filters",
                    "at most " + MAX_FILTERS + " (Lambda's default quota per mapping)");
        }
        List<String> patterns = new ArrayList<>();
        for (PropertyReader filter : filters) {
            filter.allowOnly(Set.of("Pattern"), "a filter");
            String pattern = filter.text("Pattern");
            if (pattern != null && pattern.length() > MAX_PATTERN_LENGTH) {
                throw filter.invalid("Pattern", pattern.length() + " characters", "at most " + MAX_PATTERN_LENGTH);
            }
            patterns.add(pattern);
        }
        return patterns;
    }

    private static String destination(PropertyReader p, List<String> topics) {
        PropertyReader config = p.child("DestinationConfig");
        config.allowOnly(Set.of("OnFailure"), "DestinationConfig");
        PropertyReader onFailure = config.child("OnFailure");
        onFailure.allowOnly(Set.of("Destination", "Type"), "OnFailure");
        String type = onFailure.text("Type"); // SAM's own: which policy it adds to a role it generates
        if (type != null && !Set.of("SQS", "SNS", "S3", "Kafka").contains(type)) {
            throw onFailure.invalid("Type", type, "SQS, SNS, S3 or Kafka");
        }
        String destination = onFailure.text("Destination");
        if (destination == null || destination.isEmpty()) {
            return null;
        }
        if (!DESTINATION.matcher(destination).matches()) {
            throw onFailure.invalid(
                    "Destination", destination, "an SQS queue, SNS topic or S3 bucket ARN, or kafka://<topic>");
        }
        // https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html: no loop onto the source
        if (destination.startsWith(KAFKA_DESTINATION)
                && topics.contains(destination.substring(KAFKA_DESTINATION.length()))) {
            throw onFailure.invalid("Destination", destination, "a topic other than the one the trigger reads");
        }
        return destination;
    }

    private static List<String> responseTypes(PropertyReader p) {
        List<String> types = p.texts("FunctionResponseTypes");
        if (types != null && (types.size() > 1 || !types.stream().allMatch("ReportBatchItemFailures"::equals))) {
            throw p.invalid("FunctionResponseTypes", types, "[] or [ReportBatchItemFailures]");
        }
        return types;
    }
}
