package io.msklambda.tests.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.trigger.Batching;
import io.msklambda.local.trigger.ErrorHandling;
import io.msklambda.local.trigger.FilterCriteria;
import io.msklambda.local.trigger.KafkaSource;
import io.msklambda.local.trigger.Pollers;
import io.msklambda.local.trigger.RetryBackoff;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.local.trigger.TriggerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mapping's settings and their ranges for Kafka, as https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
 * and the CreateEventSourceMapping reference give them, and the controls AWS keeps for provisioned mode.
 */
class TriggerOptionsTest {

    private static final KafkaSource SOURCE =
            new KafkaSource("localhost:9092", Map.of(), "orders", "g", StartingPosition.TRIM_HORIZON, null);
    private static final Batching BATCHING = new Batching(100, Duration.ZERO);
    private static final Pollers PROVISIONED = new Pollers(1, 3);

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 3, 10_000})
    void acceptsInfiniteRetriesAndZeroToTenThousand(int maxRetries) {
        assertThat(errors(maxRetries, null).maxRetries()).isEqualTo(maxRetries);
    }

    @ParameterizedTest
    @ValueSource(ints = {-2, 10_001})
    void rejectsRetriesOutsideTheMappingsRangeNamingValueAndRange(int maxRetries) {
        assertThatThrownBy(() -> errors(maxRetries, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MaximumRetryAttempts must be -1 (infinite) or 0 to 10000: " + maxRetries);
    }

    @ParameterizedTest
    @ValueSource(ints = {59, 604_801})
    void rejectsARecordAgeOutsideSixtySecondsToSevenDays(int seconds) {
        assertThatThrownBy(() -> errors(-1, Duration.ofSeconds(seconds)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MaximumRecordAgeInSeconds must be -1 (no limit) or 60 to 604800: " + seconds);
    }

    @Test
    void refusesErrorHandlingControlsOnAnOnDemandMappingAsAwsOffersThemInProvisionedModeOnly() {
        assertThatThrownBy(
                        () -> TriggerOptions.of(SOURCE, BATCHING).withErrors(errors(2, null), Pollers.ON_DEMAND, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MaximumRetryAttempts is available for Kafka mappings in provisioned mode only: set "
                        + "ProvisionedPollerConfig (MinimumPollers, MaximumPollers) too "
                        + "(https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html)");
        assertThat(TriggerOptions.of(SOURCE, BATCHING)
                        .withErrors(errors(2, null), PROVISIONED, null)
                        .errors()
                        .maxRetries())
                .isEqualTo(2);
    }

    @Test
    void takesAKafkaTopicDestinationInProvisionedModeOnlyAndNeverTheSourceTopic() {
        assertThatThrownBy(() -> TriggerOptions.of(SOURCE, BATCHING)
                        .withErrors(ErrorHandling.DEFAULT, Pollers.ON_DEMAND, "kafka://failures"))
                .hasMessageStartingWith(
                        "A Kafka topic destination (kafka://failures) is available for Kafka mappings in "
                                + "provisioned mode only");
        assertThatThrownBy(() -> TriggerOptions.of(SOURCE, BATCHING)
                        .withErrors(ErrorHandling.DEFAULT, PROVISIONED, "kafka://orders"))
                .hasMessageStartingWith("the on-failure topic kafka://orders is the topic the mapping reads");
        assertThat(TriggerOptions.of(SOURCE, BATCHING)
                        .withErrors(
                                ErrorHandling.DEFAULT, Pollers.ON_DEMAND, "arn:aws:sqs:us-east-1:123456789012:failures")
                        .onFailure())
                .isEqualTo("arn:aws:sqs:us-east-1:123456789012:failures");
    }

    @Test
    void refusesADestinationThatIsNeitherAKafkaTopicNorAnSqsSnsOrS3Arn() {
        assertThatThrownBy(() -> TriggerOptions.of(SOURCE, BATCHING)
                        .withErrors(
                                ErrorHandling.DEFAULT, PROVISIONED, "arn:aws:lambda:us-east-1:123456789012:function:f"))
                .hasMessage(
                        "an on-failure destination is kafka://<topic> or the ARN of an SQS queue, an SNS topic or an "
                                + "S3 bucket: arn:aws:lambda:us-east-1:123456789012:function:f");
    }

    @Test
    void provisionedPollersDefaultToOneAndTwoHundredAndAreCappedAtThePartitions() {
        assertThat(new Pollers(null, 5)).isEqualTo(new Pollers(1, 5));
        assertThat(new Pollers(2, null)).isEqualTo(new Pollers(2, 200));
        assertThatThrownBy(() -> new Pollers(4, 3))
                .hasMessage("MaximumPollers must be 1 to 2000 and at least MinimumPollers (4): 3");
        assertThatThrownBy(() -> new Pollers(201, null)).hasMessage("MinimumPollers must be 1 to 200: 201");
    }

    @Test
    void atTimestampNeedsATimestampAndNothingElseTakesOne() {
        assertThatThrownBy(() -> new KafkaSource("b:9092", Map.of(), "t", "g", StartingPosition.AT_TIMESTAMP, null))
                .hasMessageStartingWith(
                        "a starting timestamp goes with StartingPosition AT_TIMESTAMP, and only with it");
        assertThatThrownBy(() ->
                        new KafkaSource("b:9092", Map.of(), "t", "g", StartingPosition.LATEST, Instant.EPOCH, null))
                .hasMessageStartingWith("a starting timestamp goes with");
    }

    @Test
    void defaultsToInfiniteRetriesOnDemandWithTheDefaultBackoffAndNoFilter() {
        TriggerOptions options = TriggerOptions.of(SOURCE, BATCHING);
        assertThat(options.errors()).isEqualTo(new ErrorHandling(-1, null, false, false, RetryBackoff.DEFAULT));
        assertThat(options.pollers()).isEqualTo(Pollers.ON_DEMAND);
        assertThat(options.filter()).isSameAs(FilterCriteria.NONE);
        assertThat(options.onFailure()).isNull();
    }

    private static ErrorHandling errors(int maxRetries, Duration maxRecordAge) {
        return new ErrorHandling(maxRetries, maxRecordAge, false, false, RetryBackoff.DEFAULT);
    }
}
