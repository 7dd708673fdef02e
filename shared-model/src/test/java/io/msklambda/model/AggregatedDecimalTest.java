package io.msklambda.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AggregatedDecimalTest {

    private static final BigDecimal QUANTUM = new BigDecimal("1E-13");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.30000000000000004                | 0.3
            27.400000000000001                 | 27.4
            27.400000000000002                 | 27.4
            0.1000000000000000055511151231257827 | 0.1
            0.8444218515250481                 | 0.844421851525
            1e-20                              | 0.0
            1E+15                              | 1000000000000000.0
            -1E+15                             | -1000000000000000.0
            999999999999999.945                | 999999999999999.94
            1.23456789012345678E+14            | 123456789012345.68
            123456789.123456789                | 123456789.12345679
            1234.5678901234567                 | 1234.5678901234567
            0.00000000000005                   | 0.0
            0.000000000000051                  | 1E-13
            0.00000000000015                   | 2E-13
            0.00000000000025                   | 2E-13
            0.12345678901225                   | 0.1234567890122
            0.12345678901235                   | 0.1234567890124
            -0.12345678901225                  | -0.1234567890122
            12345.6789012345665                | 12345.678901234566
            12345.6789012345675                | 12345.678901234568
            9.99999999999999999                | 10.0
            """)
    void roundsOnceHalfEvenTo17DigitsAnd13Decimals(String text, String expected) {
        assertThat(AggregatedDecimal.of(text)).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"20", "20.0", "20.00", "2E+1", "2.0e1", "200e-1", "20.000000000000000001"})
    void keepsOneFormForOneValue(String text) {
        assertThat(AggregatedDecimal.of(text)).isEqualTo(new BigDecimal("20.0")).hasToString("20.0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "0",
                "-0",
                "0.0",
                "-0.0",
                "0e5",
                "-0E-400",
                "1e-20",
                "-1e-20",
                "1e-99999999999",
                "0e99999999999",
                "-0.0E+2147483648"
            })
    void zeroAndWhatRoundsToItAreOneZero(String text) {
        assertThat(AggregatedDecimal.of(text)).isEqualTo(new BigDecimal("0.0")).hasToString("0.0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "1.0000000000000001E+15",
                "1000000000000000.1",
                "-1000000000000000.06",
                "1e300",
                "-2e15",
                "1e16",
                "1e99999999999",
                "123456789012345678901234567890"
            })
    void refusesMagnitudesBeyond1E15(String text) {
        assertThat(AggregatedDecimal.of(text)).isNull();
    }

    @Test
    void farOutExponentsAreDecidedWithoutRounding() {
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            assertThat(AggregatedDecimal.rounded("1e-1000000000")).isEqualTo(new BigDecimal("0.0"));
            assertThat(AggregatedDecimal.rounded("-123456789e-2147483647")).isEqualTo(new BigDecimal("0.0"));
            assertThat(AggregatedDecimal.rounded("1e1000000000")).isNull();
            assertThat(AggregatedDecimal.rounded("1e2147483647")).isNull();
        });
    }

    @Test
    void countsKeepScaleZeroWithinTheSameCeiling() {
        assertThat(AggregatedDecimal.of(7L)).isEqualTo(BigDecimal.valueOf(7));
        assertThat(AggregatedDecimal.of(1_000_000_000_000_000L)).isEqualTo(new BigDecimal("1000000000000000"));
        assertThat(AggregatedDecimal.of(1_000_000_000_000_001L)).isNull();
        assertThat(AggregatedDecimal.of(Long.MIN_VALUE)).isNull();
    }

    @Test
    void aDoubleBuiltInCodeGoesThroughItsText() {
        assertThat(AggregatedDecimal.of(27.4)).isEqualTo(new BigDecimal("27.4"));
        assertThat(AggregatedDecimal.of(30.0)).isEqualTo(new BigDecimal("30.0"));
        assertThat(AggregatedDecimal.of(-0.0)).isEqualTo(new BigDecimal("0.0"));
        assertThatThrownBy(() -> AggregatedDecimal.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AggregatedDecimal.of(1e300)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dependsOnTheTextAloneNotOnWhatWasSeenBefore() {
        // Given 5,000 texts, many sharing a slot of the remembered values, read in one order
        SplittableRandom random = new SplittableRandom(5);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            texts.add(Double.toString(random.nextDouble() * 100));
        }
        List<BigDecimal> forward = texts.stream().map(AggregatedDecimal::of).toList();

        // When they are read again in the other order
        List<String> reversed = new ArrayList<>(texts);
        Collections.reverse(reversed);
        List<BigDecimal> backward =
                new ArrayList<>(reversed.stream().map(AggregatedDecimal::of).toList());
        Collections.reverse(backward);

        // Then each has the same value, the value of its text computed afresh
        assertThat(backward).isEqualTo(forward);
        assertThat(forward)
                .isEqualTo(texts.stream().map(AggregatedDecimal::rounded).toList());
    }

    /**
     * Doubles printed the way producers print them (Python's {@code repr}, Java's {@code Double.toString}, plain
     * {@code BigDecimal} digits): every one within ±1E+15 is taken, at most half a step of 1E-13 or of the 17th digit
     * from what was written, in the one form, the same whether remembered or not; from 1,000 up digit for digit.
     */
    @Test
    void takesEveryDoubleProducersPrint() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            double x = draw(random, i);
            BigDecimal shortest = shortest(x);
            String javaText = Double.toString(x); // JDK 17 may print 18 digits, rounded here to 17
            for (String text : new String[] {python(shortest), shortest.toPlainString(), javaText}) {
                BigDecimal value = AggregatedDecimal.of(text);
                assertThat(value).as(text).isEqualTo(AggregatedDecimal.rounded(text));
                if (Math.abs(x) > 1e15) {
                    assertThat(value).as(text).isNull();
                    continue;
                }
                assertThat(value).as(text).isNotNull();
                assertThat(value.scale()).as(text).isBetween(1, 13);
                assertThat(value.stripTrailingZeros().precision()).as(text).isLessThanOrEqualTo(17);
                BigDecimal error = value.subtract(new BigDecimal(text)).abs();
                BigDecimal step = QUANTUM.max(BigDecimal.ONE.movePointRight(exponent(shortest) - 16));
                assertThat(error.add(error)).as(text).isLessThanOrEqualTo(step);
                if (Math.abs(x) >= 1000 && !text.equals(javaText)) {
                    assertThat(value).as(text).isEqualByComparingTo(shortest);
                }
            }
        }
    }

    /** Python's {@code random.random()}, values of every size, and doubles of any bits. */
    private static double draw(SplittableRandom random, int i) {
        return switch (i % 3) {
            case 0 -> random.nextDouble();
            case 1 -> (random.nextBoolean() ? 1 : -1) * random.nextDouble() * Math.pow(10, random.nextInt(-20, 18));
            default -> {
                double any = Double.longBitsToDouble(random.nextLong());
                yield Double.isFinite(any) ? any : 0.5;
            }
        };
    }

    /** The shortest decimal that reads back as the double, as Python and JDK 19+ print it (JDK 17 may not). */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == x) {
                return candidate;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    /** {@code repr(x)} in Python: plain from 1e-4 to below 1e16, else {@code 1.5e+16} and {@code 1e-05}. */
    private static String python(BigDecimal shortest) {
        int exponent = exponent(shortest);
        if (shortest.signum() == 0) {
            return "0.0";
        }
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        BigDecimal mantissa = shortest.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString()
                + String.format(Locale.ROOT, "e%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
    }

    private static int exponent(BigDecimal value) {
        return value.signum() == 0 ? 0 : value.precision() - value.scale() - 1;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"20.00000000000001", "1000000000000000.1", "-2E+15"})
    void aReadingHoldsOnlyAValueOfTheRule(String temperature) {
        assertThatThrownBy(() -> new Telemetry(1, java.time.Instant.EPOCH, new BigDecimal(temperature)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature " + new BigDecimal(temperature));
    }
}
