package io.msklambda.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TumblingWindowsTest {

    @Test
    void alignsWindowsToTheEpochInUtc() {
        TumblingWindows minutes = TumblingWindows.ofSeconds(60);
        assertThat(minutes.windowOf(Instant.parse("2026-03-09T21:05:59.999Z")))
                .isEqualTo(new TumblingWindows.Window(
                        Instant.parse("2026-03-09T21:05:00Z"), Instant.parse("2026-03-09T21:06:00Z")));
        assertThat(minutes.windowOf(Instant.parse("2026-03-09T21:06:00Z")).start())
                .isEqualTo(Instant.parse("2026-03-09T21:06:00Z"));
    }

    @Test
    void windowsThatDoNotDivideAnHourStillAlignToTheEpoch() {
        TumblingWindows sevens = TumblingWindows.ofSeconds(7);
        Instant time = Instant.parse("2026-03-09T21:05:00Z");
        Instant start = sevens.windowOf(time).start();
        assertThat(start.getEpochSecond() % 7).isZero();
        assertThat(Duration.between(start, time)).isLessThan(Duration.ofSeconds(7));
    }

    @Test
    void keysAreFixedWidthSoTheySortAsText() {
        TumblingWindows.Window window =
                TumblingWindows.ofSeconds(60).windowOf(Instant.parse("2026-03-09T21:05:00.073Z"));
        assertThat(window.startKey()).isEqualTo("2026-03-09T21:05:00Z");
        assertThat(window.endKey()).isEqualTo("2026-03-09T21:06:00Z");
    }

    @Test
    void refusesSizesThatAreNotWholeSeconds() {
        assertThatThrownBy(() -> new TumblingWindows(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> new TumblingWindows(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
