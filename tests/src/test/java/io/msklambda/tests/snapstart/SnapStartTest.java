package io.msklambda.tests.snapstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.model.ConfigSource;
import io.msklambda.model.DecodeResult;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.Order;
import io.msklambda.producer.ProducerFactory;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.ProducerSettings;
import io.msklambda.tests.support.LocalServices;
import io.msklambda.tests.support.TopicContents;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CRaC hooks SnapStart calls, driven directly: two environments in one state (as two restores of one
 * snapshot are) publish the same orders until restored, and distinct ones after.
 */
class SnapStartTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    /** One environment, with the producers its factory made. */
    private static final class Environment {
        final List<Producer<byte[], byte[]>> producers = new ArrayList<>();
        final String topic = "snap-" + UUID.randomUUID();
        final ProducerHandler handler;

        Environment(long snapshotSeed) {
            SERVICES.kafka().createTopic(topic, 1);
            ProducerFactory counting = properties -> {
                Producer<byte[], byte[]> producer = new KafkaProducer<>(properties);
                producers.add(producer);
                return producer;
            };
            handler = new ProducerHandler(
                    ProducerSettings.from(new ConfigSource(Map.of(
                            "BOOTSTRAP_SERVERS",
                            SERVICES.kafka().bootstrapServers(),
                            "TOPIC_NAME",
                            topic,
                            "AUTH_MODE",
                            "none",
                            "BATCH_SIZE",
                            "20",
                            "BATCH_INTERVAL_MS",
                            "200",
                            "MAX_RUN_SEC",
                            "1"))),
                    counting,
                    Clock.systemUTC(),
                    new SplittableRandom(snapshotSeed));
        }

        /** Publishes one run and returns its order ids in order. */
        List<String> publish() {
            long before = TopicContents.readAll(SERVICES.kafka().bootstrapServers(), topic)
                    .size();
            handler.handleRequest(new ScheduledEvent(), LocalContext.of("ProducerFunction", Duration.ofSeconds(30)));
            List<ConsumerRecord<byte[], byte[]>> records =
                    TopicContents.readAll(SERVICES.kafka().bootstrapServers(), topic);
            return records.subList((int) before, records.size()).stream()
                    .map(r -> ((Order) ((DecodeResult.Decoded) JsonCodec.decode(r.value())).event()).orderId())
                    .collect(Collectors.toList());
        }
    }

    @Test
    void environmentsRestoredFromOneSnapshotPublishDistinctOrders() {
        Environment first = new Environment(2026);
        Environment second = new Environment(2026);

        // Before any restore, the two environments are one state: they publish the same orders
        List<String> firstBefore = first.publish();
        List<String> secondBefore = second.publish();
        int common = Math.min(firstBefore.size(), secondBefore.size());
        assertThat(common).isPositive();
        assertThat(firstBefore.subList(0, common)).isEqualTo(secondBefore.subList(0, common));

        // When SnapStart checkpoints and restores each
        for (Environment environment : List.of(first, second)) {
            environment.handler.beforeCheckpoint(null);
            environment.handler.afterRestore(null);
        }

        // Then the producer of the snapshot was closed and a new one made, and the orders no longer repeat
        for (Environment environment : List.of(first, second)) {
            assertThat(environment.producers).hasSize(2);
            Producer<byte[], byte[]> closed = environment.producers.get(0);
            assertThatThrownBy(() -> closed.send(new ProducerRecord<>(environment.topic, new byte[0])))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
        List<String> firstAfter = first.publish();
        List<String> secondAfter = second.publish();
        assertThat(firstAfter).isNotEmpty().doesNotContainAnyElementsOf(secondAfter);
        assertThat(secondAfter).isNotEmpty();
        first.handler.close();
        second.handler.close();
    }
}
