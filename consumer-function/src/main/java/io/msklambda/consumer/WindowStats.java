package io.msklambda.consumer;

import io.msklambda.model.AggregatedDecimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Count, sum, min and max of one series in one window, in exact decimals. Values enter as {@link AggregatedDecimal}
 * reads them from the record's text (the decimal written, rounded once to 17 significant digits and 13 decimals at
 * most), so {@code 27.4} adds as 27.4, and sums are exact: the same records give the same item whatever the batch
 * boundaries or order of replays, bit for bit. DynamoDB keeps 38 significant digits: values within ±1E+15 in steps of
 * 1E-13 keep the sum of fewer than 10<sup>10</sup> of them within that, which {@link AggregateItem} checks.
 */
public record WindowStats(long count, BigDecimal sum, BigDecimal min, BigDecimal max) {

    /** What DynamoDB stores, and what the average is rounded to. */
    public static final MathContext DYNAMODB_PRECISION = new MathContext(38, RoundingMode.HALF_EVEN);

    public WindowStats {
        Objects.requireNonNull(sum, "sum");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }

    public static WindowStats of(BigDecimal value) {
        return new WindowStats(1, value, value, value);
    }

    public WindowStats plus(BigDecimal value) {
        return new WindowStats(count + 1, sum.add(value), min.min(value), max.max(value));
    }

    public WindowStats plus(WindowStats other) {
        return new WindowStats(count + other.count, sum.add(other.sum), min.min(other.min), max.max(other.max));
    }

    /** {@code sum / count} rounded to DynamoDB's precision, trailing zeros stripped. */
    public BigDecimal average() {
        return sum.divide(BigDecimal.valueOf(count), DYNAMODB_PRECISION).stripTrailingZeros();
    }
}
