package io.msklambda.local.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LambdaJvmTest {

    @Test
    void java21RunsTheSerialCollectorAndC1OnlyInTheFunctionsMemory() {
        assertThat(LambdaJvm.flags("java21", 256, null))
                .containsExactly("-XX:MaxRAM=256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void java11KeepsTheJvmsTieredCompilation() {
        assertThat(LambdaJvm.flags("java11", 512, null)).containsExactly("-XX:MaxRAM=512m", "-XX:+UseSerialGC");
    }

    @Test
    void theFunctionsJavaToolOptionsChooseTheCollectorAndTheCompilerThemselves() {
        assertThat(LambdaJvm.flags("java21", 1024, "-XX:+UseParallelGC -XX:-TieredCompilation"))
                .containsExactly("-XX:MaxRAM=1024m");
        assertThat(LambdaJvm.flags("java17", 1024, "-XX:TieredStopAtLevel=4"))
                .containsExactly("-XX:MaxRAM=1024m", "-XX:+UseSerialGC");
    }
}
