package io.msklambda.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmfLineTest {

    @Test
    void writesTheEmbeddedMetricFormatWithTheFunctionAsDimension() {
        String line = new EmfLine("ProducerFunction")
                .metric("Sent", 15_000, "Count")
                .metric("RecordsPerSecond", 500.5, "Count/Second")
                .toJson(Instant.ofEpochMilli(1773090300073L));

        assertThat(line)
                .isEqualTo("{\"_aws\":{\"Timestamp\":1773090300073,\"CloudWatchMetrics\":[{\"Namespace\":"
                        + "\"MskLambda\",\"Dimensions\":[[\"FunctionName\"]],\"Metrics\":[{\"Name\":\"Sent\",\"Unit\":\"Count\"},"
                        + "{\"Name\":\"RecordsPerSecond\",\"Unit\":\"Count/Second\"}]}]},\"FunctionName\":\"ProducerFunction\","
                        + "\"Sent\":15000,\"RecordsPerSecond\":500.5}");
    }
}
