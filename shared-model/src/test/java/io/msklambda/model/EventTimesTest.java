package io.msklambda.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimesTest {

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(
            strings = {
                "2026-03-09T21:05:00.073Z", "2026-03-09 21:05:00.073", "2024-02-29T23:59:59.999Z",
                        "2024-02-29 00:00:00.000",
                "2026-02-29T10:00:00.000Z", "2026-02-29 10:00:00.000", "2026-04-31 10:00:00.000",
                        "2026-04-31T10:00:00.000Z",
                "2026-02-30 10:00:00.000", "2026-13-01 10:00:00.000", "2026-00-10 10:00:00.000",
                        "2026-01-00T10:00:00.000Z",
                "2026-03-09 24:00:00.000", "2026-03-09T24:00:00.000Z", "2026-03-09 23:60:00.000",
                        "2026-03-09T23:59:60.000Z",
                "2026-03-09t21:05:00.073z", "2026-03-09T21:05:00.073z", "2026-03-09 21:05:00.07",
                        "2026-03-09 21:05:00.0734",
                "2026-03-09T21:05:00.073", "2026-03-09 21:05:00", "2026-03-09T21:05Z", "2026-3-09 21:05:00.073",
                "2026-03-09 21:05:0a.073", "+026-03-09 21:05:00.073", "0000-01-01 00:00:00.000",
                        "9999-12-31T23:59:59.999Z",
                "2026-03-09 21:05:00,073", "2026-03-09X21:05:00.073Z", "2026-03-09T21:05:00.073+02:00", "",
            })
    void readsTheProducersFormsAsTheFormattersDo(String text) {
        assertThat(outcome(() -> EventTimes.parse(text)))
                .isEqualTo(outcome(() -> EventTimes.parseWithFormatters(text)));
    }

    @Test
    void readsEveryMillisecondOfTheProducersFormsAsTheFormattersDo() {
        DateTimeFormatter local = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            Instant time = Instant.ofEpochMilli(
                    random.nextLong(EventTimes.EARLIEST.toEpochMilli(), EventTimes.LATEST.toEpochMilli()));
            String zoned = EventTimes.TELEMETRY.format(time);
            String unzoned = local.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
            assertThat(EventTimes.parseCanonical(zoned))
                    .isEqualTo(time)
                    .isEqualTo(EventTimes.parseWithFormatters(zoned));
            assertThat(EventTimes.parseCanonical(unzoned))
                    .isEqualTo(time)
                    .isEqualTo(EventTimes.parseWithFormatters(unzoned));
        }
    }

    /** The instant read, or the formatter's complaint. */
    private static Object outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (DateTimeParseException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
