package io.msklambda.local.cli;

import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.pipeline.FaultPlan;
import io.msklambda.local.pipeline.FunctionLimits;
import io.msklambda.local.pipeline.FunctionVariables;
import io.msklambda.local.pipeline.PipelineOptions;
import io.msklambda.local.pipeline.Workload;
import io.msklambda.local.sam.MskEventSource;
import io.msklambda.local.schedule.TickEvents;
import io.msklambda.local.stack.ClusterAccess;
import io.msklambda.local.stack.OptionCheck;
import io.msklambda.local.stack.Services;
import io.msklambda.model.ItemsFormat;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.PayloadKind;
import io.msklambda.producer.ProducerSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pipeline run's options as the command gets them: each from its flag, else from the template (template.yaml here
 * unless {@code --template} names another; none when there is neither), else the built-in default, so that a run
 * with no flags runs what the template deploys. Remembers where each came from for the run's header. The trigger's
 * settings, from the template's MSK event, are {@link MappingSettings}'.
 */
final class PipelineSettings {

    private static final Path DEFAULT_TEMPLATE = Path.of("template.yaml");

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
        CustomPayload custom = custom(workload.payload());
        String topic = topic(workload.payload(), custom);
        Services services = new Services(
                topic,
                flags.partitions,
                flags.brokers,
                flags.bootstrapServers,
                flags.auth,
                flags.dynamodbEndpoint,
                flags.aggregatesTable,
                flags.rejectsTable);
        FaultPlan faults = flags.faults.plan();
        return new PipelineOptions(
                workload,
                services,
                new MappingSettings(flags.mapping, template, sources).mapping(),
                faults,
                flags.drainTimeout,
                flags.verbose,
                schedule,
                limits(workload),
                access(services),
                variables(custom));
    }

    /** The template's variables for each function, with a custom payload's over them. */
    private FunctionVariables variables(CustomPayload custom) {
        Map<String, String> producer =
                new HashMap<>(template.present() ? template.producer().environment() : Map.of());
        Map<String, String> consumer =
                new HashMap<>(template.present() ? template.consumer().environment() : Map.of());
        if (custom != null) {
            producer.putAll(custom.producer());
            consumer.putAll(custom.consumer());
        } else {
            // --payload orders over a template's custom payload: its spec goes with it
            producer.remove(ProducerSettings.PAYLOAD_SPEC);
        }
        return new FunctionVariables(producer, consumer);
    }

    /** The custom payload's spec when the run generates one; {@code --payload-spec} is refused for the others. */
    private CustomPayload custom(PayloadKind payload) {
        if (payload != PayloadKind.CUSTOM) {
            OptionCheck.require(
                    flags.payloadSpec == null,
                    "--payload-spec",
                    flags.payloadSpec,
                    "generates PAYLOAD custom, not " + payload.name().toLowerCase(Locale.ROOT));
            return null;
        }
        CustomPayload custom = CustomPayload.of(flags.payloadSpec, template);
        sources.chose("PAYLOAD_SPEC", custom.spec().name() + " (" + custom.value() + ")", custom.source());
        return custom;
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
                flags.payload != null ? flags.payload : flags.payloadSpec != null ? PayloadKind.CUSTOM : null,
                () -> template.enumValue(
                        PayloadKind.class, template.producerVariable(ProducerSettings.PAYLOAD), "PAYLOAD"),
                PayloadKind.TELEMETRY);
        int concurrency = sources.pick(
                "schedule targets",
                flags.concurrency,
                () -> template.present() ? template.schedule().targets().size() : null,
                5);
        Duration tick = sources.pick("tick", flags.tick, template::tick, Duration.ofMinutes(1));
        int runSeconds = producerInteger(ProducerSettings.MAX_RUN_SEC.name(), flags.runSeconds, 30);
        int batchSize = producerInteger(ProducerSettings.BATCH_SIZE.name(), flags.producerBatchSize, 100);
        Duration interval = sources.pick(
                "BATCH_INTERVAL_MS",
                flags.producerBatchInterval,
                () -> millis(template.producerInteger(ProducerSettings.BATCH_INTERVAL_MS.name())),
                Duration.ofSeconds(1));
        int devices = producerInteger(ProducerSettings.DEVICE_COUNT.name(), flags.devices, 10);
        ItemsFormat items = sources.pick(
                "ORDER_ITEMS_FORMAT",
                flags.itemsFormat,
                () -> template.enumValue(
                        ItemsFormat.class,
                        template.producerVariable(ProducerSettings.ORDER_ITEMS_FORMAT),
                        "ORDER_ITEMS_FORMAT"),
                ItemsFormat.ARRAY);
        return new Workload(
                payload, concurrency, tick, flags.ticks, runSeconds, batchSize, interval, devices, items, flags.seed);
    }

    /** The producer's TOPIC_NAME, which must be the topic the template's trigger reads. */
    private String topic(PayloadKind payload, CustomPayload custom) {
        // the template's TopicName wins over a spec's name, as deployed: its role policies allow that topic alone
        String topic = sources.pick(
                "TOPIC_NAME",
                flags.topic,
                () -> template.producerVariable(ProducerSettings.TOPIC_NAME),
                custom != null ? custom.spec().name() : payload.name().toLowerCase(Locale.ROOT));
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

    /** A producer variable that is a number: the flag, else the template's, else the default. */
    private int producerInteger(String variable, Integer flag, int fallback) {
        return sources.pick(variable, flag, () -> template.producerInteger(variable), fallback);
    }

    private static Duration millis(Integer millis) {
        return millis == null ? null : Duration.ofMillis(millis);
    }
}
