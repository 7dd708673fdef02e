package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeneratorThreadTest {

    @ParameterizedTest(name = "{0}, interval {1} ms, {2} processors, {3} MB: {4}")
    @CsvSource(textBlock = """
            AUTO, 0,    2, ,     true
            AUTO, 0,    2, 3008, true
            AUTO, 0,    2, 1770, true
            AUTO, 0,    2, 1769, false
            AUTO, 0,    2, 512,  false
            AUTO, 0,    1, ,     false
            AUTO, 0,    1, 3008, false
            AUTO, 1000, 2, 3008, false
            ON,   0,    1, 512,  true
            OFF,  0,    6, 10240, false
            """)
    void generatesAheadOnlyWithASecondVcpusWorthOfCpuAtFullSpeedUnlessTold(
            GeneratorThread choice, long intervalMillis, int processors, Integer memoryMb, boolean expected) {
        OptionalInt memory = memoryMb == null ? OptionalInt.empty() : OptionalInt.of(memoryMb);

        assertThat(choice.enabled(Duration.ofMillis(intervalMillis), processors, memory))
                .isEqualTo(expected);
    }
}
