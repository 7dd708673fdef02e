package io.msklambda.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConflictBackoffTest {

    private static final ConflictBackoff BACKOFF = ConflictBackoff.DEFAULT;

    private static Duration longest(int pause) {
        SplittableRandom random = new SplittableRandom(7);
        return IntStream.range(0, 2_000)
                .mapToObj(i -> BACKOFF.delay(pause, random))
                .max(Duration::compareTo)
                .orElseThrow();
    }

    @Test
    void eachPauseIsDrawnBelowACeilingThatDoublesUpToTheCap() {
        assertThat(longest(1)).isBetween(Duration.ofMillis(9), Duration.ofMillis(10));
        assertThat(longest(2)).isBetween(Duration.ofMillis(19), Duration.ofMillis(20));
        assertThat(longest(5)).isBetween(Duration.ofMillis(150), Duration.ofMillis(160));
        assertThat(longest(6)).isBetween(Duration.ofMillis(190), Duration.ofMillis(200));
        assertThat(longest(60)).isBetween(Duration.ofMillis(190), Duration.ofMillis(200));
    }

    @Test
    void pausesAreSpreadFromZeroSoThatWritersWhoLostTogetherDoNotReturnTogether() {
        SplittableRandom random = new SplittableRandom(11);
        assertThat(IntStream.range(0, 2_000).mapToObj(i -> BACKOFF.delay(3, random)))
                .anyMatch(d -> d.compareTo(Duration.ofMillis(4)) < 0)
                .anyMatch(d -> d.compareTo(Duration.ofMillis(36)) > 0)
                .allMatch(d -> !d.isNegative() && d.compareTo(Duration.ofMillis(40)) <= 0);
    }

    @Test
    void refusesABaseAboveTheCapAndAPauseBelowOne() {
        assertThatThrownBy(() -> new ConflictBackoff(Duration.ofMillis(20), Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backoff needs 0 < base <= cap: PT0.02S, PT0.01S");
        assertThatThrownBy(() -> BACKOFF.delay(0, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pause must be 1 or more: 0");
    }
}
