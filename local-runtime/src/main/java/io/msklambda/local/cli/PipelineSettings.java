package io.msklambda.local.cli;

import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.pipeline.FaultPlan;
import io.msklambda.local.pipeline.FunctionLimits;
import io.msklambda.local.pipeline.FunctionVariables;
import io.msklambda.local.pipeline.Mapping;
import io.msklambda.local.pipeline.PipelineOptions;
import io.msklambda.local.pipeline.Workload;
import io.msklambda.local.sam.MskEventSource;
import io.msklambda.local.sam.ScheduleRule;
import io.msklambda.local.schedule.TickEvents;
import io.msklambda.local.stack.ClusterAccess;
import io.msklambda.local.stack.OptionCheck;
import io.msklambda.local.stack.Services;
import io.msklambda.local.trigger.ErrorHandling;
import io.msklambda.local.trigger.Pollers;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.model.ItemsFormat;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.PayloadKind;
import io.msklambda.producer.ProducerSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pipeline run's options as the command gets them: each from its flag, else from the template (template.yaml here
 * unless {@code --template} names another; none when there is neither), else the built-in default, so that a run
 * with no flags runs what the template deploys. Remembers where each came from for the run's header.
 */
final class PipelineSettings {

    private static final Path DEFAULT_TEMPLATE = Path.of("template.yaml");
    /** AWS's MaximumBatchingWindowInSeconds default for Kafka mappings: 500 ms. */
    private static final Duration AWS_BATCHING_WINDOW = Duration.ofMillis(500);

    private final PipelineCommand flags;
    private final TemplateSettings template;
    private final SettingSources sources;

    PipelineSettings(PipelineCommand flags) {
        this.flags = flags;
        this.template = readTemplate(flags);
        this.sources = new SettingSources(template.name());
    }

    private static TemplateSettings readTemplate(PipelineCommand flags) {
        Path file = flags.template != null ? flags.template : DEFAULT_TEMPLATE;
        if (flags.template == null && !Files.isRegularFile(file)) {
            return TemplateSettings.none();
        }
        return TemplateSettings.read(file, ParameterOverrides.parse(flags.parameterOverrides), flags.envVars);
    }

    /** @throws IllegalArgumentException naming the option or the template value, the value and what is allowed */
    PipelineOptions options() {
        Workload workload = workload();
        TickEvents schedule = flags.concurrency != null || !template.present()
                ? TickEvents.sharded(workload.concurrency())
                : new TemplateTicks(template.schedule());
        sources.chose(
                "schedule",
                schedule,
                flags.concurrency != null || !template.present()
                        ? sources.sourceOf("schedule targets")
                        : template.name());
        String topic = topic(workload.payload());
        Services services = new Services(
                topic,
                flags.partitions,
                flags.brokers,
                flags.bootstrapServers,
                flags.auth,
                flags.dynamodbEndpoint,
                flags.aggregatesTable,
                flags.rejectsTable);
        FaultPlan faults = new FaultPlan(flags.faults, flags.redeliverEvery, flags.crashEvery, flags.poison);
        return new PipelineOptions(
                workload,
                services,
                mapping(topic),
                faults,
                flags.drainTimeout,
                flags.verbose,
                schedule,
                limits(workload),
                access(services),
                template.present()
                        ? new FunctionVariables(
                                template.producer().environment(),
                                template.consumer().environment())
                        : FunctionVariables.NONE);
    }

    /**
     * Authorization by the template's role policies wherever MSK's IAM access control would apply: the embedded
     * cluster's IAM listener, with a template holding both functions' roles. Asked for where it cannot apply, it is
     * refused; by default it is off there, and the header says why.
     */
    private ClusterAccess access(Services services) {
        ClusterAccess.Mode asked = flags.authorization;
        String unavailable = !services.embeddedKafka()
                ? "--bootstrap-servers: the real cluster authorizes by its own policies"
                : services.auth() != AuthMode.IAM
                        ? "--auth " + services.auth().name().toLowerCase(Locale.ROOT)
                                + ": IAM access control applies to the iam listener"
                        : !template.present() ? "no template: no role policies to authorize by" : null;
        OptionCheck.require(
                unavailable == null || asked == null || asked == ClusterAccess.Mode.OFF,
                "--authorization",
                asked,
                "cannot apply here (" + unavailable + ")");
        ClusterAccess access;
        if (unavailable != null || asked == ClusterAccess.Mode.OFF) {
            access = ClusterAccess.off(template.cluster(), unavailable != null ? unavailable : "--authorization off");
        } else {
            Map<String, List<IamPolicy>> external = flags.rolePolicies.read();
            try {
                access = template.access(asked != null ? asked : ClusterAccess.Mode.ON, external);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        template.name() + ": " + e.getMessage() + " (or run with --authorization off)", e);
            }
        }
        sources.chose(
                "authorization",
                access.mode(),
                asked != null ? SettingSources.FLAGS : unavailable != null ? SettingSources.DEFAULTS : template.name());
        return access;
    }

    /** Where the run's settings came from, before anything starts; one line a setting for a dry run. */
    void printHeader(PrintWriter out, boolean table) {
        out.println("settings (a flag wins over " + template.name() + ", which wins over the defaults):");
        (table ? sources.table() : sources.lines()).forEach(out::println);
        out.flush();
    }

    private Workload workload() {
        PayloadKind payload = sources.pick(
                "PAYLOAD",
                flags.payload,
                () -> enumValue(PayloadKind.class, template.producerVariable(ProducerSettings.PAYLOAD), "PAYLOAD"),
                PayloadKind.TELEMETRY);
        int concurrency = sources.pick(
                "schedule targets",
                flags.concurrency,
                () -> template.present() ? template.schedule().targets().size() : null,
                5);
        Duration tick = sources.pick("tick", flags.tick, template::tick, Duration.ofMinutes(1));
        int runSeconds = sources.pick(
                "MAX_RUN_SEC",
                flags.runSeconds,
                () -> template.producerInteger(ProducerSettings.MAX_RUN_SEC.name()),
                30);
        int batchSize = sources.pick(
                "BATCH_SIZE",
                flags.producerBatchSize,
                () -> template.producerInteger(ProducerSettings.BATCH_SIZE.name()),
                100);
        Duration interval = sources.pick(
                "BATCH_INTERVAL_MS",
                flags.producerBatchInterval,
                () -> millis(template.producerInteger(ProducerSettings.BATCH_INTERVAL_MS.name())),
                Duration.ofSeconds(1));
        int devices = sources.pick(
                "DEVICE_COUNT",
                flags.devices,
                () -> template.producerInteger(ProducerSettings.DEVICE_COUNT.name()),
                10);
        ItemsFormat items = sources.pick(
                "ORDER_ITEMS_FORMAT",
                flags.itemsFormat,
                () -> enumValue(
                        ItemsFormat.class,
                        template.producerVariable(ProducerSettings.ORDER_ITEMS_FORMAT),
                        "ORDER_ITEMS_FORMAT"),
                ItemsFormat.ARRAY);
        return new Workload(
                payload, concurrency, tick, flags.ticks, runSeconds, batchSize, interval, devices, items, flags.seed);
    }

    /** The producer's TOPIC_NAME, which must be the topic the template's trigger reads. */
    private String topic(PayloadKind payload) {
        String topic = sources.pick(
                "TOPIC_NAME",
                flags.topic,
                () -> template.producerVariable(ProducerSettings.TOPIC_NAME),
                payload.name().toLowerCase(Locale.ROOT));
        MskEventSource mapping = template.mapping();
        if (flags.topic == null
                && mapping != null
                && mapping.topics() != null
                && !mapping.topics().contains(topic)) {
            throw new IllegalArgumentException(template.name() + ": the producer writes " + topic + " but the "
                    + "trigger reads " + mapping.topics() + "; give --topic to run them on one topic");
        }
        return topic;
    }

    private Mapping mapping(String topic) {
        MskEventSource msk = template.mapping();
        if (msk != null && Boolean.FALSE.equals(msk.enabled())) {
            throw new IllegalArgumentException(template.name() + " " + msk.logicalId() + " Enabled: false: the "
                    + "mapping would not read the topic; enable it to run the pipeline");
        }
        int window = sources.pick(
                "WINDOW_SECONDS", flags.windowSeconds, () -> template.consumerInteger("WINDOW_SECONDS"), 10);
        int batchSize = sources.pick("BatchSize", flags.batchSize, () -> msk == null ? null : msk.batchSize(), 100);
        Duration batchingWindow = sources.pick(
                "MaximumBatchingWindowInSeconds",
                flags.batchingWindow,
                () -> msk == null || msk.maximumBatchingWindowInSeconds() == null
                        ? null
                        : Duration.ofSeconds(msk.maximumBatchingWindowInSeconds()),
                AWS_BATCHING_WINDOW);
        StartingPosition position = sources.pick(
                "StartingPosition",
                flags.startingPosition,
                () -> msk == null
                        ? null
                        : enumValue(StartingPosition.class, msk.startingPosition(), "StartingPosition"),
                StartingPosition.TRIM_HORIZON);
        OptionCheck.require(
                flags.startingTimestamp == null || position == StartingPosition.AT_TIMESTAMP,
                "--starting-timestamp",
                flags.startingTimestamp,
                "goes with --starting-position AT_TIMESTAMP only");
        // https://docs.aws.amazon.com/lambda/latest/dg/kafka-starting-positions.html: not in the future
        OptionCheck.require(
                flags.startingTimestamp == null || !flags.startingTimestamp.isAfter(Instant.now()),
                "--starting-timestamp",
                flags.startingTimestamp,
                "cannot be in the future");
        Instant timestamp = position != StartingPosition.AT_TIMESTAMP
                ? null
                : sources.pick(
                        "StartingPositionTimestamp",
                        flags.startingTimestamp,
                        () -> msk == null ? null : msk.startingPositionTimestamp(),
                        null);
        String group = sources.pick(
                "ConsumerGroupId",
                flags.consumerGroup,
                () -> msk == null ? null : msk.consumerGroupId(),
                "msk-lambda-consumer");
        List<String> filters = sources.pick(
                "FilterCriteria",
                flags.filters.isEmpty() ? null : flags.filters,
                () -> msk == null ? null : msk.filterPatterns(),
                List.of());
        Pollers pollers = sources.pick(
                "ProvisionedPollerConfig",
                flags.pollers,
                () -> msk == null || msk.maximumPollers() == null && msk.minimumPollers() == null
                        ? null
                        : new Pollers(msk.minimumPollers(), msk.maximumPollers()),
                Pollers.ON_DEMAND);
        String onFailure = onFailure(msk);
        return new Mapping(
                window,
                batchSize,
                batchingWindow,
                position,
                timestamp,
                group,
                errors(msk),
                pollers,
                filters,
                onFailure);
    }

    private ErrorHandling errors(MskEventSource msk) {
        OptionCheck.require(
                flags.maxRetries == null
                        || flags.maxRetries >= ErrorHandling.INFINITE_RETRIES
                                && flags.maxRetries <= ErrorHandling.MAX_RETRIES,
                "--max-retries",
                flags.maxRetries,
                "must be -1 to " + ErrorHandling.MAX_RETRIES);
        OptionCheck.require(
                flags.maxRecordAge == null
                        || flags.maxRecordAge.compareTo(ErrorHandling.MIN_RECORD_AGE) >= 0
                                && flags.maxRecordAge.compareTo(ErrorHandling.MAX_RECORD_AGE) <= 0,
                "--max-record-age",
                flags.maxRecordAge == null ? null : SettingSources.format(flags.maxRecordAge),
                "must be 60s to 604800s");
        int retries = sources.pick(
                "MaximumRetryAttempts",
                flags.maxRetries,
                () -> msk == null ? null : msk.maximumRetryAttempts(),
                ErrorHandling.INFINITE_RETRIES);
        Duration age = sources.pick(
                "MaximumRecordAgeInSeconds",
                flags.maxRecordAge,
                () -> msk == null || msk.maximumRecordAgeInSeconds() == null || msk.maximumRecordAgeInSeconds() == -1
                        ? null
                        : Duration.ofSeconds(msk.maximumRecordAgeInSeconds()),
                null);
        boolean bisect = sources.pick(
                "BisectBatchOnFunctionError",
                flags.bisect,
                () -> msk == null ? null : msk.bisectBatchOnFunctionError(),
                false);
        boolean partial = sources.pick(
                "ReportBatchItemFailures",
                flags.reportBatchItemFailures,
                () -> msk == null || msk.functionResponseTypes() == null
                        ? null
                        : msk.functionResponseTypes().contains("ReportBatchItemFailures"),
                false);
        try {
            return new ErrorHandling(retries, age, bisect, partial, ErrorHandling.DEFAULT.backoff());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(template.name() + ": " + e.getMessage(), e);
        }
    }

    /** {@code none} on the command line drops the template's destination. */
    private String onFailure(MskEventSource msk) {
        String destination = sources.pick(
                "OnFailure", flags.onFailure, () -> msk == null ? null : msk.onFailureDestination(), "none");
        return destination.isBlank() || destination.equals("none") ? null : destination;
    }

    private FunctionLimits limits(Workload workload) {
        FunctionLimits limits = !template.present()
                ? FunctionLimits.forRun(workload.runSeconds())
                : new FunctionLimits(
                        Duration.ofSeconds(template.producer().timeoutSeconds()),
                        template.producer().memoryMb(),
                        Duration.ofSeconds(template.consumer().timeoutSeconds()),
                        template.consumer().memoryMb());
        String source = template.present() ? template.name() : SettingSources.DEFAULTS;
        sources.chose("producer Timeout", limits.producerTimeout(), source);
        sources.chose("producer MemorySize", limits.producerMemoryMb(), source);
        sources.chose("consumer Timeout", limits.consumerTimeout(), source);
        sources.chose("consumer MemorySize", limits.consumerMemoryMb(), source);
        return limits;
    }

    private static Duration millis(Integer millis) {
        return millis == null ? null : Duration.ofMillis(millis);
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(template.name() + " " + name + " '" + value + "': must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    /** A template rule's targets, each rendering the tick's scheduled event as its input says. */
    private record TemplateTicks(ScheduleRule rule) implements TickEvents {

        @Override
        public int targets() {
            return rule.targets().size();
        }

        @Override
        public String event(int target, String tickId, Instant time) {
            return rule.targets().get(target).render(rule.scheduledEvent(tickId, time));
        }

        @Override
        public String toString() {
            return rule.logicalId() + " " + rule.expression() + ", " + targets() + " target(s)";
        }
    }
}
