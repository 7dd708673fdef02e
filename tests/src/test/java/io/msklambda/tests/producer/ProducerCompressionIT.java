package io.msklambda.tests.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.tests.support.Cli;
import io.msklambda.tests.support.TopicContents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shaded producer jar, in its own JVM, with each {@code KAFKA_COMPRESSION_TYPE} the client offers: the codecs
 * and their Linux natives are in the jar (JarBudgetIT keeps only Lambda's two architectures), and every record sent
 * is on the topic. A codec the shade filters had cut would fail the batch, and with it the invocation.
 */
class ProducerCompressionIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "snappy", "lz4", "gzip"})
    void theJarPublishesEveryRecordWithTheCodec(String codec, @TempDir Path dir) throws IOException {
        String topic = "orders-" + codec;
        kafka.createTopic(topic, 2);
        Path envVars = dir.resolve("env.json");
        new ObjectMapper()
                .writeValue(
                        envVars.toFile(),
                        Map.of(
                                "ProducerFunction",
                                Map.of(
                                        "BOOTSTRAP_SERVERS",
                                        kafka.bootstrapServers(),
                                        "AUTH_MODE",
                                        "none",
                                        "TOPIC_NAME",
                                        topic,
                                        "PAYLOAD",
                                        "orders",
                                        "MAX_RUN_SEC",
                                        "1",
                                        "BATCH_SIZE",
                                        "50",
                                        "KAFKA_COMPRESSION_TYPE",
                                        codec)));
        Cli.Run run = Cli.invokeProducer(envVars);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("UnsatisfiedLinkError").doesNotContain("NoClassDefFoundError");
        JsonNode report = new ObjectMapper().readTree(run.out()); // standard output is the response alone
        int sent = report.get("sent").asInt();
        assertThat(sent).isPositive().isEqualTo(report.get("attempted").asInt());
        assertThat(report.get("failed").asInt()).isZero();
        assertThat(TopicContents.readAll(kafka.bootstrapServers(), topic)).hasSize(sent);
    }
}
