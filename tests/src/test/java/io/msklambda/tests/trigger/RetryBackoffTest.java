package io.msklambda.tests.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.trigger.RetryBackoff;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The wait before each retry of a failed batch. */
class RetryBackoffTest {

    @Test
    void doublesFromTheInitialWaitUntilTheCapThenStaysThere() {
        // Given a backoff from 100 ms, capped at 5 s
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));

        // When asked for the first ten retries and a very late one
        List<Long> millis = IntStream.rangeClosed(1, 10)
                .mapToObj(backoff::delay)
                .map(Duration::toMillis)
                .toList();

        // Then it doubles until the cap and never passes it, however many retries came before
        assertThat(millis).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L, 5000L);
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsACapBelowTheInitialWaitAndRetriesBeforeTheFirst() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT1S");
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> RetryBackoff.DEFAULT.delay(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(": 0");
    }
}
