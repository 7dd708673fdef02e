package io.msklambda.tests.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.trigger.RetryBackoff;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.local.trigger.TriggerOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mapping's MaximumRetryAttempts range for Kafka: -1 (infinite) or 0 to 10,000. */
class TriggerOptionsTest {

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 3, 10_000})
    void acceptsInfiniteRetriesAndZeroToTenThousand(int maxRetries) {
        assertThat(options(maxRetries).maxRetries()).isEqualTo(maxRetries);
    }

    @ParameterizedTest
    @ValueSource(ints = {-2, 10_001})
    void rejectsRetriesOutsideTheMappingsRangeNamingValueAndRange(int maxRetries) {
        assertThatThrownBy(() -> options(maxRetries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max retries must be -1 (infinite) or 0 to 10000: " + maxRetries);
    }

    @Test
    void defaultsToTheDefaultBackoff() {
        assertThat(options(TriggerOptions.INFINITE_RETRIES).retryBackoff()).isEqualTo(RetryBackoff.DEFAULT);
    }

    private static TriggerOptions options(int maxRetries) {
        return new TriggerOptions("localhost:9092", Map.of(), "t", "g", StartingPosition.TRIM_HORIZON, 100,
                Duration.ZERO, maxRetries, null);
    }
}
