package io.msklambda.tests.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.msklambda.local.sam.MskEventSource;
import io.msklambda.local.sam.SamTemplate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A function's Kafka trigger, with every property SAM takes, within AWS's limits. */
class SamTemplateMskEventTest {

    private static final SamTemplate TEMPLATE =
            SamTemplate.read(Path.of("src/test/resources/templates/msk-events.yaml"));
    private static final String RANGED = "Resources.RangedConsumer.Properties.Events.Trigger.Properties.";
    private static final String CLUSTER = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc-1";

    @Test
    void everyPropertySamTakesIsRead() {
        MskEventSource trigger = TEMPLATE.mskEvent("FullConsumer", Map.of()).orElseThrow();

        assertThat(trigger)
                .isEqualTo(new MskEventSource(
                        "FullConsumerTrigger",
                        CLUSTER,
                        List.of("orders"),
                        "AT_TIMESTAMP",
                        Instant.parse("2026-01-01T00:00:00.500Z"),
                        1000,
                        10,
                        "orders-consumer",
                        List.of("{\"value\":{\"status\":[\"NEW\"]}}", "{\"value\":{\"status\":[\"PAID\"]}}"),
                        "arn:aws:sqs:us-east-1:123456789012:failed-batches",
                        3,
                        3600,
                        true,
                        List.of("ReportBatchItemFailures"),
                        1,
                        4,
                        false,
                        Map.of(
                                "KmsKeyArn",
                                        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                                "SourceAccessConfigurations",
                                        List.of(Map.of(
                                                "Type",
                                                "CLIENT_CERTIFICATE_TLS_AUTH",
                                                "URI",
                                                "arn:aws:secretsmanager:us-east-1:123456789012:secret:client-cert")),
                                "SchemaRegistryConfig",
                                        Map.of(
                                                "SchemaRegistryURI",
                                                "arn:aws:glue:us-east-1:123456789012:registry/orders",
                                                "EventRecordFormat",
                                                "JSON",
                                                "SchemaValidationConfigs",
                                                List.of(Map.of("Attribute", "VALUE"))),
                                "MetricsConfig", Map.of("Metrics", List.of("EventCount")),
                                "LoggingConfig", Map.of("SystemLogLevel", "INFO"),
                                "ProvisionedPollerConfig.PollerGroupName", "shared")));
    }

    @Test
    void aSelfManagedClusterHasNoStreamButItsBootstrapServers() {
        MskEventSource trigger =
                TEMPLATE.mskEvent("SelfManagedConsumer", Map.of()).orElseThrow();

        assertThat(trigger)
                .isEqualTo(new MskEventSource(
                        "SelfManagedConsumerTrigger",
                        null,
                        List.of("payments"),
                        "TRIM_HORIZON",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of(
                                "KafkaBootstrapServers", List.of("broker-1.example:9096", "broker-2.example:9096"),
                                "SourceAccessConfigurations",
                                        List.of(Map.of(
                                                "Type",
                                                "SASL_SCRAM_512_AUTH",
                                                "URI",
                                                "arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka-user")))));
    }

    @Test
    void valuesFromParametersAreReadWithinTheirLimits() {
        MskEventSource trigger = TEMPLATE.mskEvent(
                        "RangedConsumer",
                        Map.of(
                                "Destination",
                                "kafka://orders-failed",
                                "RecordAge",
                                "60",
                                "MinPollers",
                                "200",
                                "MaxPollers",
                                "2000",
                                "BatchSize",
                                "10000",
                                "Window",
                                "300"))
                .orElseThrow();

        assertThat(trigger)
                .isEqualTo(new MskEventSource(
                        "RangedConsumerTrigger",
                        CLUSTER,
                        List.of("orders"),
                        "LATEST",
                        null,
                        10_000,
                        300,
                        "ranged-group",
                        null,
                        "kafka://orders-failed",
                        10,
                        60,
                        null,
                        List.of("ReportBatchItemFailures"),
                        200,
                        2000,
                        null,
                        Map.of()));
    }

    @Test
    void aFunctionWithoutAKafkaEventHasNone() {
        assertThat(TEMPLATE.mskEvent("NoTrigger", Map.of())).isEmpty();
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                arguments(Map.of("BatchSize", "0"), "BatchSize is 0; allowed: a whole number, 1 to 10000"),
                arguments(Map.of("BatchSize", "10001"), "BatchSize is 10001; allowed: a whole number, 1 to 10000"),
                arguments(Map.of("BatchSize", "many"), "BatchSize is many; allowed: a whole number, 1 to 10000"),
                arguments(
                        Map.of("Window", "301"),
                        "MaximumBatchingWindowInSeconds is 301; allowed: a whole number, 0 to 300"),
                arguments(Map.of("Retries", "-2"), "MaximumRetryAttempts is -2; allowed: a whole number, -1 to 10000"),
                arguments(
                        Map.of("Retries", "10001"),
                        "MaximumRetryAttempts is 10001; allowed: a whole number, -1 to 10000"),
                arguments(
                        Map.of("RecordAge", "59"),
                        "MaximumRecordAgeInSeconds is 59; allowed: a whole number, -1 (no limit) or 60 to 604800"),
                arguments(
                        Map.of("RecordAge", "604801"),
                        "MaximumRecordAgeInSeconds is 604801; allowed: a whole number, -1 (no limit) or 60 to 604800"),
                arguments(
                        Map.of("MinPollers", "0"),
                        "ProvisionedPollerConfig.MinimumPollers is 0; allowed: a whole number, 1 to 200"),
                arguments(
                        Map.of("MinPollers", "201"),
                        "ProvisionedPollerConfig.MinimumPollers is 201; allowed: a whole number, 1 to 200"),
                arguments(
                        Map.of("MaxPollers", "2001"),
                        "ProvisionedPollerConfig.MaximumPollers is 2001; allowed: a whole number, 1 to 2000"),
                arguments(
                        Map.of("MinPollers", "10", "MaxPollers", "5"),
                        "ProvisionedPollerConfig.MaximumPollers is 5; allowed: at least MinimumPollers (10)"),
                arguments(
                        Map.of("Position", "EARLIEST"),
                        "StartingPosition is EARLIEST; allowed: LATEST, TRIM_HORIZON or AT_TIMESTAMP"),
                arguments(
                        Map.of("Position", "AT_TIMESTAMP"),
                        "StartingPositionTimestamp is missing; allowed: a time in Unix seconds, which AT_TIMESTAMP requires"),
                arguments(
                        Map.of("Position", "AT_TIMESTAMP", "Timestamp", "32503680000"),
                        "StartingPositionTimestamp is 32503680000; allowed: a time in Unix seconds, not in the future"),
                arguments(
                        Map.of("ManyFilters", "true"),
                        "FilterCriteria.Filters is 6 filters; allowed: at most 5 (Lambda's default quota per mapping)"),
                arguments(
                        Map.of("Group", "orders#1"),
                        "ConsumerGroupId is orders#1; allowed: 1 to 200 letters, digits or -/*:_+=.@"),
                arguments(
                        Map.of("Destination", "arn:aws:lambda:us-east-1:123456789012:function:f"),
                        "DestinationConfig.OnFailure.Destination is arn:aws:lambda:us-east-1:123456789012:function:f; "
                                + "allowed: an SQS queue, SNS topic or S3 bucket ARN, or kafka://<topic>"),
                arguments(
                        Map.of("Destination", "kafka://orders"),
                        "DestinationConfig.OnFailure.Destination is "
                                + "kafka://orders; allowed: a topic other than the one the trigger reads"),
                arguments(Map.of("Topic", ".hidden"), "Topics is [.hidden]; allowed: a Kafka topic name"),
                arguments(
                        Map.of("ResponseType", "ReportEverything"),
                        "FunctionResponseTypes is [ReportEverything]; allowed: [] or [ReportBatchItemFailures]"));
    }

    @ParameterizedTest
    @MethodSource("outOfRange")
    void aValueOutsideAwsLimitsIsRefusedNamingItsPathTheValueAndWhatIsAllowed(
            Map<String, String> overrides, String message) {
        assertThatThrownBy(() -> TEMPLATE.mskEvent("RangedConsumer", overrides))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(RANGED + message);
    }

    @Test
    void errorHandlingControlsWithoutProvisionedPollersAreRefused() {
        assertThatThrownBy(() -> TEMPLATE.mskEvent("OnDemandWithRetries", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Resources.OnDemandWithRetries.Properties.Events.Trigger.Properties.MaximumRetryAttempts is 3; "
                                + "allowed: only with ProvisionedPollerConfig: Kafka error handling controls need provisioned mode "
                                + "(https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html)");
    }

    @Test
    void aPropertySamDoesNotTakeForMskIsRefused() {
        assertThatThrownBy(() -> TEMPLATE.mskEvent("KinesisLikeProperty", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Resources.KinesisLikeProperty.Properties.Events.Trigger.Properties."
                        + "ParallelizationFactor is not a property of an MSK event (SAM); it takes BatchSize, ");
    }

    @Test
    void aSecondKafkaTriggerIsRefused() {
        assertThatThrownBy(() -> TEMPLATE.mskEvent("TwoTriggers", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Resources.TwoTriggers.Properties.Events has 2 Kafka events [First, Second]; "
                        + "a local stack runs one trigger a function");
    }
}
