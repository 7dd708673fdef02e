package io.msklambda.producer;

import io.msklambda.model.ConfigSource;
import io.msklambda.model.InvalidConfigException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka producer's properties: the contract's (idempotent, {@code acks=all}), the authentication that
 * {@code AUTH_MODE} chooses, and any other producer property passed as a {@code KAFKA_*} variable.
 *
 * <p>{@code KAFKA_} followed by the property name in upper case with dots as underscores sets that property:
 * {@code KAFKA_LINGER_MS=20} sets {@code linger.ms}, {@code KAFKA_COMPRESSION_TYPE=lz4} sets
 * {@code compression.type}. Names and values are checked at init against the client's own definitions.
 */
public final class KafkaProperties {

    public static final String PREFIX = "KAFKA_";

    /** aws-msk-iam-auth's login module and callback handler, as its README configures them. */
    static final String IAM_LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule required";

    static final String IAM_JAAS_CONFIG = IAM_LOGIN_MODULE + ";";
    static final String IAM_CALLBACK_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";
    static final String IAM_MECHANISM = "AWS_MSK_IAM";

    /**
     * How long {@code send()} may block waiting for metadata or buffer space. The client's default (60 s)
     * outlasts most function timeouts; a run that cannot reach the cluster should fail in seconds with a
     * clear error, not be killed by Lambda. Override with {@code KAFKA_MAX_BLOCK_MS}.
     */
    static final long DEFAULT_MAX_BLOCK_MS = 5_000;

    /**
     * The client's own {@code buffer.memory} default (32 MB), and the most the function's memory sizes it to. The
     * buffer lives on the heap, which the JVM sizes from the function's memory; a full-speed run fills it.
     */
    static final long MAX_BUFFER_BYTES = 32L << 20;
    /** The share of the function's memory given to the buffer: 128 MB gets 16 MB, 256 MB and more get 32 MB. */
    static final int BUFFER_SHARE = 8;

    /** Properties the function owns, with the reason an override is refused. */
    private static final Map<String, String> RESERVED = Map.of(
            ProducerConfig.ACKS_CONFIG, "acks=all is part of the producer contract",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "idempotence is part of the producer contract",
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "set BOOTSTRAP_SERVERS instead",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "the function writes bytes",
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "the function writes bytes",
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "set AUTH_MODE instead",
            SaslConfigs.SASL_MECHANISM, "set AUTH_MODE instead",
            SaslConfigs.SASL_JAAS_CONFIG, "set AUTH_MODE instead",
            SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, "set AUTH_MODE instead");

    private KafkaProperties() {}

    /** The producer properties for these settings. */
    public static Map<String, Object> of(ProducerSettings settings) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_MAX_BLOCK_MS);
        settings.functionMemoryMb().ifPresent(mb -> props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferBytes(mb)));
        props.putAll(settings.kafkaOverrides());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.putAll(authentication(settings.authMode(), settings.iamRole()));
        return props;
    }

    /** The client properties for an authentication mode: exactly those aws-msk-iam-auth documents for IAM. */
    public static Map<String, Object> authentication(AuthMode mode) {
        return authentication(mode, Optional.empty());
    }

    /** The same, with the login module's role options when a role is to be assumed. */
    static Map<String, Object> authentication(AuthMode mode, Optional<IamRole> role) {
        return switch (mode) {
            case IAM ->
                Map.of(
                        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                        SecurityProtocol.SASL_SSL.name,
                        SaslConfigs.SASL_MECHANISM,
                        IAM_MECHANISM,
                        SaslConfigs.SASL_JAAS_CONFIG,
                        role.map(r -> IAM_LOGIN_MODULE + r.loginModuleOptions() + ";")
                                .orElse(IAM_JAAS_CONFIG),
                        SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS,
                        IAM_CALLBACK_HANDLER);
            case TLS -> Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SSL.name);
            case NONE -> Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.PLAINTEXT.name);
        };
    }

    /** The {@code KAFKA_*} variable that sets a producer property: {@code ssl.truststore.type} → {@code KAFKA_SSL_TRUSTSTORE_TYPE}. */
    public static String variable(String property) {
        return PREFIX + property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The {@code KAFKA_*} variables that set these producer properties. */
    public static Map<String, String> variables(Map<String, String> properties) {
        Map<String, String> variables = new TreeMap<>();
        properties.forEach((property, value) -> variables.put(variable(property), value));
        return variables;
    }

    /**
     * {@code buffer.memory} for a function of {@code memoryMb}: an eighth of it, at most the client's default. The JVM
     * gives a 128 MB function a 64 MB heap by its defaults, of which the client's 32 MB buffer would take half once a
     * full-speed run fills it. {@code KAFKA_BUFFER_MEMORY} overrides it.
     */
    static long bufferBytes(int memoryMb) {
        return Math.min(MAX_BUFFER_BYTES, ((long) memoryMb << 20) / BUFFER_SHARE);
    }

    /** The effective {@code max.block.ms}: the override if any, else {@link #DEFAULT_MAX_BLOCK_MS}. */
    static long maxBlockMillis(ProducerSettings settings) {
        String override = settings.kafkaOverrides().get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        return override == null ? DEFAULT_MAX_BLOCK_MS : Long.parseLong(override.trim());
    }

    /**
     * Collects and checks the {@code KAFKA_*} variables: each must name a producer property the function does
     * not own, with a value of that property's type and range.
     *
     * <p>A refusal quotes the value only where it helps and cannot be a secret: never for a property Kafka types
     * as a password ({@code ssl.key.password}, {@code sasl.jaas.config}...), whose values Kafka itself prints as
     * {@code [hidden]}; never for a property the function sets, as the problem is the name (and
     * {@code sasl.jaas.config} is one of them); and never for a name that is no producer property, which may
     * be a password's name misspelt ({@code KAFKA_SSL_KEY_PASWORD}).
     */
    static Map<String, String> overridesFrom(ConfigSource env) {
        ConfigDef definitions = ProducerConfig.configDef();
        Map<String, String> overrides = new TreeMap<>();
        for (Map.Entry<String, String> variable : new TreeMap<>(env.asMap()).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(PREFIX) || name.length() == PREFIX.length()) {
                continue;
            }
            String value = variable.getValue().trim();
            String property =
                    name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            ConfigDef.ConfigKey key = definitions.configKeys().get(property);
            if (key == null) {
                throw InvalidConfigException.valueNotShown(
                        name, "KAFKA_* variables set producer properties, and '" + property + "' is not one");
            }
            if (RESERVED.containsKey(property)) {
                throw InvalidConfigException.valueNotShown(
                        name, "'" + property + "' is set by the function: " + RESERVED.get(property));
            }
            try {
                Object parsed = ConfigDef.parseType(property, value, key.type);
                if (key.validator != null) {
                    key.validator.ensureValid(property, parsed);
                }
            } catch (ConfigException e) {
                // Kafka's own message quotes the value ("Invalid value <value> for configuration ..."), so a
                // password gets a message of ours instead.
                throw key.type == ConfigDef.Type.PASSWORD
                        ? InvalidConfigException.valueNotShown(name, "not a valid value for '" + property + "'")
                        : new InvalidConfigException(name, value, e.getMessage());
            }
            overrides.put(property, value);
        }
        return overrides;
    }
}
