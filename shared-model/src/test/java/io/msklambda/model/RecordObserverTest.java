package io.msklambda.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordObserverTest {

    private static final Instant TIME = Instant.parse("2026-03-09T21:05:00.073Z");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void thePresetsNameTheSeriesAsTheAggregatesTableAlwaysHas() {
        RecordObserver presets = RecordObserver.presets();

        assertThat(presets.observe(
                        null,
                        bytes("{\"device_id\":17,\"timestamp\":\"2026-03-09T21:05:00.073Z\",\"temperature\":27.4}")))
                .isEqualTo(new Reading("device#17", TIME, new BigDecimal("27.4")));
        assertThat(presets.observe(
                        null,
                        bytes("{\"order_id\":\"o-1\",\"ordered_at\":\"2026-03-09 21:05:00.073\",\"user_id\":\"u\","
                                + "\"items\":[{\"product_id\":1,\"quantity\":3},{\"product_id\":2,\"quantity\":4}]}")))
                .isEqualTo(new Reading("orders", TIME, BigDecimal.valueOf(7)));
        assertThat(presets.observe(null, bytes("{\"page\":\"/home\"}")))
                .isEqualTo(DecodeResult.rejected(
                        RejectReason.UNKNOWN_SHAPE, "neither device_id nor order_id; fields: page"));
    }

    @Test
    void aGuardedObserverRoundsTheValueByThePrecisionRule() {
        RecordObserver team = (key, value) -> new Reading("a", TIME, new BigDecimal("0.30000000000000004"));

        assertThat(RecordObserver.guarded(team).observe(null, bytes("{}")))
                .isEqualTo(new Reading("a", TIME, new BigDecimal("0.3")));
    }

    @Test
    void aGuardedObserverPassesAValueThatMeetsTheRuleAsItIs() {
        Reading units = new Reading("orders", TIME, BigDecimal.valueOf(7));

        assertThat(RecordObserver.guarded((key, value) -> units).observe(null, bytes("{}")))
                .isSameAs(units);
    }

    @Test
    void aGuardedObserverRejectsAValueBeyondTheCeilingAndAnImplausibleTime() {
        RecordObserver huge = (key, value) -> new Reading("a", TIME, new BigDecimal("2E+15"));
        RecordObserver seconds = (key, value) -> new Reading("a", Instant.ofEpochMilli(1773090300L), BigDecimal.ONE);

        assertThat(RecordObserver.guarded(huge).observe(null, bytes("{}")))
                .isEqualTo(
                        DecodeResult.rejected(
                                RejectReason.OUT_OF_RANGE,
                                "the value 2E+15 is beyond ±1E+15, the largest magnitude aggregated (see README \"Precision\")"));
        assertThat(RecordObserver.guarded(seconds).observe(null, bytes("{}")))
                .isEqualTo(
                        DecodeResult.rejected(
                                RejectReason.OUT_OF_RANGE,
                                "the event time 1970-01-21T12:31:30.300Z is outside 2000-01-01T00:00:00Z .. 2100-01-01T00:00:00Z"));
    }

    @Test
    void aGuardedObserverTurnsAnExceptionOrNullIntoARejectOfTheRecord() {
        RecordObserver throwing = (key, value) -> {
            throw new IllegalStateException("no schema for " + new String(key, StandardCharsets.UTF_8));
        };
        RecordObserver tooLong = (key, value) -> new Reading("x".repeat(2049), TIME, BigDecimal.ONE);

        assertThat(RecordObserver.guarded(throwing).observe(bytes("k1"), bytes("{}")))
                .isEqualTo(DecodeResult.rejected(
                        RejectReason.OBSERVER_FAILED,
                        "the record observer threw java.lang.IllegalStateException: no schema for k1"));
        assertThat(RecordObserver.guarded((key, value) -> null).observe(null, bytes("{}")))
                .isEqualTo(DecodeResult.rejected(RejectReason.OBSERVER_FAILED, "the record observer returned null"));
        assertThat(RecordObserver.guarded(tooLong).observe(null, bytes("{}")))
                .isEqualTo(DecodeResult.rejected(
                        RejectReason.OBSERVER_FAILED,
                        "the record observer threw java.lang.IllegalArgumentException: a series of 2049 bytes is longer"
                                + " than DynamoDB's 2048 for a key"));
    }

    @Test
    void aReadingHasASeriesDynamoDbTakesAsAKey() {
        assertThatThrownBy(() -> new Reading("", TIME, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Reading("é".repeat(1024), TIME, BigDecimal.ONE).series()).hasSize(1024);
    }
}
