package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.model.ConfigSource;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaPropertiesTest {

    @Test
    void iamSetsExactlyTheFourPropertiesOfAwsMskIamAuth() {
        assertThat(KafkaProperties.authentication(AuthMode.IAM))
                .isEqualTo(Map.of(
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "AWS_MSK_IAM",
                        "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                        "sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler"));
    }

    @Test
    void aRoleToAssumeBecomesTheLoginModulesOptionsAsKafkaParsesThem() {
        ProducerSettings settings = ProducerSettings.from(new ConfigSource(Map.of(
                "BOOTSTRAP_SERVERS",
                "b-1:9098",
                "IAM_ROLE_ARN",
                "arn:aws:iam::123456789012:role/msk-producer",
                "IAM_STS_REGION",
                "eu-west-1")));

        Object jaas = KafkaProperties.of(settings).get("sasl.jaas.config");

        List<AppConfigurationEntry> entries = JaasContext.loadClientContext(
                        Map.of("sasl.jaas.config", new Password((String) jaas)))
                .configurationEntries();
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.getLoginModuleName()).isEqualTo("software.amazon.msk.auth.iam.IAMLoginModule");
            assertThat(entry.getOptions())
                    .isEqualTo(Map.of(
                            "awsRoleArn",
                            "arn:aws:iam::123456789012:role/msk-producer",
                            "awsRoleSessionName",
                            "msk-lambda-producer",
                            "awsStsRegion",
                            "eu-west-1"));
        });
    }

    @Test
    void tlsAndNoneChooseTheProtocolOnly() {
        assertThat(KafkaProperties.authentication(AuthMode.TLS)).isEqualTo(Map.of("security.protocol", "SSL"));
        assertThat(KafkaProperties.authentication(AuthMode.NONE)).isEqualTo(Map.of("security.protocol", "PLAINTEXT"));
    }

    @Test
    void producerIsIdempotentWithAcksAllAndOverridesApply() {
        ProducerSettings settings = ProducerSettings.from(new ConfigSource(Map.of(
                "BOOTSTRAP_SERVERS",
                "127.0.0.1:9092",
                "AUTH_MODE",
                "none",
                "KAFKA_LINGER_MS",
                "20",
                "KAFKA_MAX_BLOCK_MS",
                "1500")));
        assertThat(KafkaProperties.of(settings))
                .isEqualTo(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "127.0.0.1:9092",
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        "1500",
                        ProducerConfig.LINGER_MS_CONFIG,
                        "20",
                        "security.protocol",
                        "PLAINTEXT"));
        assertThat(KafkaProperties.maxBlockMillis(settings)).isEqualTo(1500);
    }

    @Test
    void sendBlocksAtMostFiveSecondsByDefault() {
        ProducerSettings settings = ProducerSettings.from(new ConfigSource(Map.of("BOOTSTRAP_SERVERS", "h:1")));
        assertThat(KafkaProperties.of(settings)).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000L);
        assertThat(KafkaProperties.maxBlockMillis(settings)).isEqualTo(5_000);
    }

    @ParameterizedTest(name = "{0} MB function: buffer.memory {1}")
    @CsvSource(textBlock = """
            128,   16777216
            200,   26214400
            256,   33554432
            10240, 33554432
            """)
    void theBufferIsAnEighthOfTheFunctionsMemoryAtMostTheClientsDefault(String memoryMb, long bufferBytes) {
        ProducerSettings settings = ProducerSettings.from(
                new ConfigSource(Map.of("BOOTSTRAP_SERVERS", "b-1:9098", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", memoryMb)));

        assertThat(KafkaProperties.of(settings)).containsEntry(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferBytes);
    }

    @Test
    void theBufferKeepsTheClientsDefaultOutsideLambdaAndAnOverrideWins() {
        ProducerSettings outside = ProducerSettings.from(new ConfigSource(Map.of("BOOTSTRAP_SERVERS", "b-1:9098")));
        ProducerSettings overridden = ProducerSettings.from(new ConfigSource(Map.of(
                "BOOTSTRAP_SERVERS",
                "b-1:9098",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                "128",
                "KAFKA_BUFFER_MEMORY",
                "8000000")));

        assertThat(KafkaProperties.of(outside)).doesNotContainKey(ProducerConfig.BUFFER_MEMORY_CONFIG);
        assertThat(KafkaProperties.of(overridden)).containsEntry(ProducerConfig.BUFFER_MEMORY_CONFIG, "8000000");
    }
}
