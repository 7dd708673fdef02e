package io.msklambda.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactDecimalsTest {

    @Test
    void givesWhatValueOfGivesWhateverWasRememberedBefore() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> Math.round((25 + random.nextDouble() * 10) * 10) / 10.0; // a sensor's tenths: repeats
                case 1 -> random.nextDouble() * 1e6;
                case 2 -> Double.longBitsToDouble(random.nextLong()); // any double, NaN aside
                default -> -Math.round(random.nextDouble() * 1000) / 100.0;
            };
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            BigDecimal expected = BigDecimal.valueOf(value);
            BigDecimal actual = ExactDecimals.of(value);
            assertThat(actual.toString()).isEqualTo(expected.toString());
            assertThat(actual.scale()).isEqualTo(expected.scale());
            assertThat(ExactDecimals.strippedScale(value))
                    .isEqualTo(expected.stripTrailingZeros().scale());
        }
        assertThat(ExactDecimals.of(0.0).toString()).isEqualTo("0.0");
        assertThat(ExactDecimals.of(-0.0).toString())
                .isEqualTo(BigDecimal.valueOf(-0.0).toString());
    }
}
