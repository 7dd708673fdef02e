package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.model.ConfigSource;
import io.msklambda.model.InvalidConfigException;
import io.msklambda.model.ItemsFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProducerSettingsTest {

    private static ProducerSettings settings(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("BOOTSTRAP_SERVERS", "b-1.example:9098");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return ProducerSettings.from(new ConfigSource(env));
    }

    @Test
    void defaultsNeedOnlyTheBrokers() {
        assertThat(settings())
                .isEqualTo(new ProducerSettings(
                        "b-1.example:9098",
                        "orders",
                        PayloadKind.ORDERS,
                        100,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60),
                        AuthMode.IAM,
                        100,
                        ItemsFormat.ARRAY,
                        Duration.ofSeconds(5),
                        Map.of(),
                        Optional.empty(),
                        GeneratorThread.AUTO,
                        OptionalInt.empty(),
                        Optional.empty()));
    }

    @Test
    void topicDefaultsToThePayloadName() {
        assertThat(settings("PAYLOAD", "telemetry").topic()).isEqualTo("telemetry");
    }

    @Test
    void readsEveryVariable() {
        ProducerSettings s = settings(
                "TOPIC_NAME",
                "t1",
                "PAYLOAD",
                "TELEMETRY",
                "BATCH_SIZE",
                "500",
                "BATCH_INTERVAL_MS",
                "0",
                "MAX_RUN_SEC",
                "30",
                "AUTH_MODE",
                "none",
                "DEVICE_COUNT",
                "7",
                "ORDER_ITEMS_FORMAT",
                "string",
                "FLUSH_TIMEOUT_MS",
                "2000",
                "KAFKA_LINGER_MS",
                "20",
                "KAFKA_COMPRESSION_TYPE",
                "lz4",
                "GENERATOR_THREAD",
                "on",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                "2048");
        assertThat(s)
                .isEqualTo(new ProducerSettings(
                        "b-1.example:9098",
                        "t1",
                        PayloadKind.TELEMETRY,
                        500,
                        Duration.ZERO,
                        Duration.ofSeconds(30),
                        AuthMode.NONE,
                        7,
                        ItemsFormat.STRING,
                        Duration.ofSeconds(2),
                        Map.of("linger.ms", "20", "compression.type", "lz4"),
                        Optional.empty(),
                        GeneratorThread.ON,
                        OptionalInt.of(2048),
                        Optional.empty()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            PAYLOAD            | clicks | PAYLOAD='clicks' is not allowed: one of orders, telemetry, custom
            AUTH_MODE          | scram  | AUTH_MODE='scram' is not allowed: one of iam, tls, none
            ORDER_ITEMS_FORMAT | csv    | ORDER_ITEMS_FORMAT='csv' is not allowed: one of array, string
            BATCH_SIZE         | ten    | BATCH_SIZE='ten' is not allowed: a whole number from 1 to 100000
            BATCH_SIZE         | 0      | BATCH_SIZE='0' is not allowed: a whole number from 1 to 100000
            BATCH_INTERVAL_MS  | -1     | BATCH_INTERVAL_MS='-1' is not allowed: a whole number from 0 to 3600000
            MAX_RUN_SEC        | 901    | MAX_RUN_SEC='901' is not allowed: a whole number from 1 to 900
            DEVICE_COUNT       | 1.5    | DEVICE_COUNT='1.5' is not allowed: a whole number from 1 to 1000000
            FLUSH_TIMEOUT_MS   | 10     | FLUSH_TIMEOUT_MS='10' is not allowed: a whole number from 100 to 120000
            TOPIC_NAME         | a b    | TOPIC_NAME='a b' is not allowed: a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'
            BOOTSTRAP_SERVERS  | broker | BOOTSTRAP_SERVERS='broker' is not allowed: comma-separated host:port pairs, e.g. b-1.mycluster.kafka.us-east-1.amazonaws.com:9098
            KAFKA_LINGR_MS     | 5      | KAFKA_LINGR_MS is not allowed (its value is not shown, as it may hold a secret): KAFKA_* variables set producer properties, and 'lingr.ms' is not one
            KAFKA_ACKS         | 1      | KAFKA_ACKS is not allowed (its value is not shown, as it may hold a secret): 'acks' is set by the function: acks=all is part of the producer contract
            KAFKA_SECURITY_PROTOCOL | PLAINTEXT | KAFKA_SECURITY_PROTOCOL is not allowed (its value is not shown, as it may hold a secret): 'security.protocol' is set by the function: set AUTH_MODE instead
            KAFKA_LINGER_MS    | soon   | KAFKA_LINGER_MS='soon' is not allowed: Invalid value soon for configuration linger.ms: Not a number of type LONG
            KAFKA_COMPRESSION_TYPE | rar | KAFKA_COMPRESSION_TYPE='rar' is not allowed: Invalid value rar for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd
            IAM_ROLE_ARN       | arn:aws:iam::123:role/x | IAM_ROLE_ARN='arn:aws:iam::123:role/x' is not allowed: an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name>
            IAM_STS_REGION     | us-west-2 | IAM_STS_REGION='us-west-2' is not allowed: only with IAM_ROLE_ARN, which is not set
            IAM_ROLE_SESSION_NAME | p | IAM_ROLE_SESSION_NAME='p' is not allowed: only with IAM_ROLE_ARN, which is not set
            GENERATOR_THREAD   | always | GENERATOR_THREAD='always' is not allowed: one of auto, on, off
            GENERATOR_THREAD   | on     | GENERATOR_THREAD='on' is not allowed: only with BATCH_INTERVAL_MS=0: paced batches would carry event times stamped ahead of their send
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE | 64 | AWS_LAMBDA_FUNCTION_MEMORY_SIZE='64' is not allowed: a whole number from 128 to 10240
            """)
    void failsAtInitNamingVariableValueAndWhatIsAllowed(String variable, String value, String message) {
        assertThatThrownBy(() -> settings(variable, value))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(message);
    }

    /** Recognisable if it leaked into a message. */
    private static final String SECRET = "hunter2-DO-NOT-LOG-7f3a";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            KAFKA_SASL_JAAS_CONFIG | 'sasl.jaas.config' is set by the function: set AUTH_MODE instead
            KAFKA_SSL_KEY_PASWORD  | KAFKA_* variables set producer properties, and 'ssl.key.pasword' is not one
            KAFKA_ACKS             | 'acks' is set by the function: acks=all is part of the producer contract
            """)
    void aRefusedKafkaVariableIsNamedButItsValueIsNotShown(String variable, String allowed) {
        String value = variable.equals("KAFKA_SASL_JAAS_CONFIG")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"" + SECRET
                        + "\";"
                : SECRET;

        assertThatThrownBy(() -> settings(variable, value))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(variable + " is not allowed (its value is not shown, as it may hold a secret): " + allowed)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aPasswordPropertyIsAcceptedAndNotQuotedWhenAnotherVariableIsRefused() {
        assertThat(settings("KAFKA_SSL_TRUSTSTORE_PASSWORD", SECRET).kafkaOverrides())
                .isEqualTo(Map.of("ssl.truststore.password", SECRET));
        assertThatThrownBy(() -> settings("KAFKA_SSL_TRUSTSTORE_PASSWORD", SECRET, "KAFKA_LINGER_MS", "soon"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("KAFKA_LINGER_MS='soon' is not allowed: Invalid value soon for configuration linger.ms: "
                        + "Not a number of type LONG");
    }

    @Test
    void aRoleToAssumeIsReadWithItsSessionNameAndStsRegion() {
        assertThat(settings("IAM_ROLE_ARN", "arn:aws:iam::123456789012:role/msk-producer")
                        .iamRole())
                .contains(new IamRole(
                        "arn:aws:iam::123456789012:role/msk-producer", "msk-lambda-producer", Optional.empty()));
        assertThat(settings(
                                "IAM_ROLE_ARN",
                                "arn:aws:iam::123456789012:role/msk-producer",
                                "IAM_ROLE_SESSION_NAME",
                                "load-test",
                                "IAM_STS_REGION",
                                "eu-west-1")
                        .iamRole())
                .contains(new IamRole(
                        "arn:aws:iam::123456789012:role/msk-producer", "load-test", Optional.of("eu-west-1")));
    }

    @Test
    void aRoleNeedsIamAuthenticationAndAValidSessionNameAndRegion() {
        String arn = "arn:aws:iam::123456789012:role/msk-producer";
        assertThatThrownBy(() -> settings("IAM_ROLE_ARN", arn, "AUTH_MODE", "tls"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("IAM_ROLE_ARN='" + arn + "' is not allowed: only with AUTH_MODE=iam (AUTH_MODE is tls)");
        assertThatThrownBy(() -> settings("IAM_ROLE_ARN", arn, "IAM_ROLE_SESSION_NAME", "a b"))
                .hasMessage("IAM_ROLE_SESSION_NAME='a b' is not allowed: 2 to 64 letters, digits or any of _+=,.@-");
        assertThatThrownBy(() -> settings("IAM_ROLE_ARN", arn, "IAM_STS_REGION", "global"))
                .hasMessage("IAM_STS_REGION='global' is not allowed: a region code such as us-east-1");
    }

    @Test
    void missingBrokersIsNamed() {
        assertThatThrownBy(() -> ProducerSettings.from(new ConfigSource(Map.of("PAYLOAD", "orders"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("BOOTSTRAP_SERVERS is required: comma-separated host:port pairs of the cluster's brokers");
    }
}
