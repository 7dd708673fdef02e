package io.msklambda.producer;

import io.msklambda.model.ConfigSource;
import io.msklambda.model.InvalidConfigException;
import io.msklambda.model.ItemsFormat;
import io.msklambda.model.NumberSetting;
import io.msklambda.producer.spec.PayloadSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The producer function's configuration, read once at init from the environment and validated there: a bad
 * value fails the init with a message naming the variable, the value and what is allowed. README.md lists
 * every variable.
 *
 * @param bootstrapServers {@code BOOTSTRAP_SERVERS}, comma-separated host:port pairs (required)
 * @param topic {@code TOPIC_NAME}, default: the payload's name ({@code orders} or {@code telemetry}), or the spec's
 *              {@code name} for {@code PAYLOAD=custom}
 * @param payload {@code PAYLOAD}: orders, telemetry or custom
 * @param batchSize {@code BATCH_SIZE}: records handed to the producer per batch
 * @param batchInterval {@code BATCH_INTERVAL_MS}: from the start of one batch to the next; zero = full speed
 * @param maxRun {@code MAX_RUN_SEC}: how long one invocation publishes, at most
 * @param authMode {@code AUTH_MODE}: iam, tls or none
 * @param deviceCount {@code DEVICE_COUNT}: telemetry devices, numbered from 1
 * @param itemsFormat {@code ORDER_ITEMS_FORMAT}: array, or string for Athena's MSK connector
 * @param flushTimeout {@code FLUSH_TIMEOUT_MS}: how long the end of a run waits for the last acknowledgements
 * @param kafkaOverrides producer properties from {@code KAFKA_*} variables, see {@link KafkaProperties}
 * @param iamRole {@code IAM_ROLE_ARN} and its companions: a role to assume for {@code AUTH_MODE=iam}, see {@link IamRole}
 * @param generatorThread {@code GENERATOR_THREAD}: auto, on or off, see {@link GeneratorThread}
 * @param functionMemoryMb {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, which Lambda sets: sizes the producer's buffer
 *                         ({@link KafkaProperties}); empty outside Lambda
 * @param spec {@code PAYLOAD_SPEC}, the spec of {@code PAYLOAD=custom} (inline JSON, or a file path), see
 *             {@link PayloadSpec#load}; present exactly when the payload is custom
 */
public record ProducerSettings(
        String bootstrapServers,
        String topic,
        PayloadKind payload,
        int batchSize,
        Duration batchInterval,
        Duration maxRun,
        AuthMode authMode,
        int deviceCount,
        ItemsFormat itemsFormat,
        Duration flushTimeout,
        Map<String, String> kafkaOverrides,
        Optional<IamRole> iamRole,
        GeneratorThread generatorThread,
        OptionalInt functionMemoryMb,
        Optional<PayloadSpec> spec) {

    public static final String BOOTSTRAP_SERVERS = "BOOTSTRAP_SERVERS";
    public static final String TOPIC_NAME = "TOPIC_NAME";
    public static final String PAYLOAD = "PAYLOAD";
    public static final String AUTH_MODE = "AUTH_MODE";
    public static final String ORDER_ITEMS_FORMAT = "ORDER_ITEMS_FORMAT";
    public static final String GENERATOR_THREAD = "GENERATOR_THREAD";
    /** The spec of {@code PAYLOAD=custom}: inline JSON when it starts with <code>{</code>, else a file path. */
    public static final String PAYLOAD_SPEC = "PAYLOAD_SPEC";
    /** Lambda's reserved variable: the deployment package's directory, against which a relative spec path is read. */
    public static final String LAMBDA_TASK_ROOT = "LAMBDA_TASK_ROOT";
    /** Lambda's reserved variable: the function's memory in MB (128 to 10,240). */
    public static final NumberSetting FUNCTION_MEMORY_SIZE =
            new NumberSetting("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", 0, 128, 10_240);

    public static final NumberSetting BATCH_SIZE = new NumberSetting("BATCH_SIZE", 100, 1, 100_000);
    public static final NumberSetting BATCH_INTERVAL_MS = new NumberSetting("BATCH_INTERVAL_MS", 1_000, 0, 3_600_000);
    /** Lambda's own limit is 900 s. */
    public static final NumberSetting MAX_RUN_SEC = new NumberSetting("MAX_RUN_SEC", 60, 1, 900);

    public static final NumberSetting DEVICE_COUNT = new NumberSetting("DEVICE_COUNT", 100, 1, 1_000_000);
    public static final NumberSetting FLUSH_TIMEOUT_MS = new NumberSetting("FLUSH_TIMEOUT_MS", 5_000, 100, 120_000);

    public ProducerSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank() || !bootstrapServers.contains(":")) {
            throw new InvalidConfigException(
                    BOOTSTRAP_SERVERS,
                    bootstrapServers,
                    "comma-separated host:port pairs, e.g. b-1.mycluster.kafka.us-east-1.amazonaws.com:9098");
        }
        if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new InvalidConfigException(
                    TOPIC_NAME, topic, "a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'");
        }
        Objects.requireNonNull(payload, PAYLOAD);
        Objects.requireNonNull(authMode, AUTH_MODE);
        Objects.requireNonNull(itemsFormat, ORDER_ITEMS_FORMAT);
        BATCH_SIZE.check(batchSize);
        BATCH_INTERVAL_MS.check(batchInterval.toMillis());
        MAX_RUN_SEC.check(maxRun.toSeconds());
        DEVICE_COUNT.check(deviceCount);
        FLUSH_TIMEOUT_MS.check(flushTimeout.toMillis());
        kafkaOverrides = Map.copyOf(kafkaOverrides);
        Objects.requireNonNull(iamRole, IamRole.IAM_ROLE_ARN);
        if (iamRole.isPresent() && authMode != AuthMode.IAM) {
            throw new InvalidConfigException(IamRole.IAM_ROLE_ARN, iamRole.get().roleArn(), "only with AUTH_MODE=iam");
        }
        Objects.requireNonNull(generatorThread, GENERATOR_THREAD);
        if (generatorThread == GeneratorThread.ON && !batchInterval.isZero()) {
            throw new InvalidConfigException(
                    GENERATOR_THREAD,
                    "on",
                    "only with BATCH_INTERVAL_MS=0: paced batches would carry event times stamped ahead of their send");
        }
        Objects.requireNonNull(functionMemoryMb, FUNCTION_MEMORY_SIZE.name());
        functionMemoryMb.ifPresent(FUNCTION_MEMORY_SIZE::check);
        checkSpec(payload, spec);
    }

    /** A spec exactly with {@code PAYLOAD=custom}. */
    private static void checkSpec(PayloadKind payload, Optional<PayloadSpec> spec) {
        Objects.requireNonNull(spec, PAYLOAD_SPEC);
        if (payload == PayloadKind.CUSTOM && spec.isEmpty()) {
            throw new InvalidConfigException(
                    PAYLOAD_SPEC,
                    null,
                    "PAYLOAD=custom needs PAYLOAD_SPEC, the spec of its records (README.md, \"Custom payloads\")");
        }
        if (payload != PayloadKind.CUSTOM && spec.isPresent()) {
            throw new InvalidConfigException(
                    PAYLOAD, payload.name().toLowerCase(java.util.Locale.ROOT), "custom when PAYLOAD_SPEC is set");
        }
    }

    /** Reads and validates every variable. */
    public static ProducerSettings from(ConfigSource env) {
        PayloadKind payload = env.choice(PAYLOAD, PayloadKind.ORDERS, PayloadKind.class);
        AuthMode authMode = env.choice(AUTH_MODE, AuthMode.IAM, AuthMode.class);
        Optional<PayloadSpec> spec = spec(env, payload);
        return new ProducerSettings(
                env.required(BOOTSTRAP_SERVERS, "comma-separated host:port pairs of the cluster's brokers"),
                env.string(
                        TOPIC_NAME,
                        spec.map(PayloadSpec::name).orElse(payload.name().toLowerCase(java.util.Locale.ROOT))),
                payload,
                BATCH_SIZE.readInt(env),
                Duration.ofMillis(BATCH_INTERVAL_MS.read(env)),
                Duration.ofSeconds(MAX_RUN_SEC.read(env)),
                authMode,
                DEVICE_COUNT.readInt(env),
                env.choice(ORDER_ITEMS_FORMAT, ItemsFormat.ARRAY, ItemsFormat.class),
                Duration.ofMillis(FLUSH_TIMEOUT_MS.read(env)),
                KafkaProperties.overridesFrom(env),
                IamRole.from(env, authMode),
                env.choice(GENERATOR_THREAD, GeneratorThread.AUTO, GeneratorThread.class),
                env.optional(FUNCTION_MEMORY_SIZE.name()).isPresent()
                        ? OptionalInt.of(FUNCTION_MEMORY_SIZE.readInt(env))
                        : OptionalInt.empty(),
                spec);
    }

    /** The spec, read only for {@code PAYLOAD=custom} (the constructor refuses a spec with another payload). */
    private static Optional<PayloadSpec> spec(ConfigSource env, PayloadKind payload) {
        Optional<String> value = env.optional(PAYLOAD_SPEC).filter(text -> !text.isBlank());
        if (payload != PayloadKind.CUSTOM && value.isPresent()) {
            throw new InvalidConfigException(
                    PAYLOAD, payload.name().toLowerCase(java.util.Locale.ROOT), "custom when PAYLOAD_SPEC is set");
        }
        return value.map(text -> PayloadSpec.load(text, env.optional(LAMBDA_TASK_ROOT)));
    }
}
