package io.msklambda.tests.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.trigger.Batching;
import io.msklambda.local.trigger.ErrorHandling;
import io.msklambda.local.trigger.KafkaSource;
import io.msklambda.local.trigger.MskTrigger;
import io.msklambda.local.trigger.Pollers;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.local.trigger.TriggerOptions;
import io.msklambda.tests.support.LocalServices;
import io.msklambda.tests.support.NumberedRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the trigger's drain ends: once every partition of the topic is delivered to its end, not once each poller is
 * done with the partitions it owns at that moment.
 */
class MskTriggerDrainTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static final Duration JOIN = Duration.ofSeconds(60);
    /** Far longer than a poller takes to deliver its own 60 records and see that nothing is left of them. */
    private static final Duration HELD = Duration.ofSeconds(3);

    @Test
    void aPartitionThatNoPollerOwnsWhenTheDrainStartsIsDeliveredBeforeTheTriggerEnds() throws Exception {
        // Given a mapping with one poller on 3 partitions, and another member of its group that has taken one of
        // them, as a partition is owned by no poller between its revocation and its next assignment in a rebalance
        String topic = "drain-" + UUID.randomUUID();
        String group = "g-" + topic;
        SERVICES.kafka().createTopic(topic, 3);
        TriggerOptions options = TriggerOptions.of(
                        new KafkaSource(
                                SERVICES.kafka().bootstrapServers(),
                                Map.of(),
                                topic,
                                group,
                                StartingPosition.TRIM_HORIZON,
                                null),
                        new Batching(10, Duration.ZERO))
                .withErrors(ErrorHandling.DEFAULT, new Pollers(1, 1), null);
        try (MskTrigger trigger = new MskTrigger(options, event -> null, 0, 1, new PrintWriter(new StringWriter()))) {
            Thread thread = new Thread(trigger);
            thread.start();
            assertThat(trigger.awaitAssignment(JOIN)).isTrue();
            boolean endedWhileHeld;
            try (KafkaConsumer<byte[], byte[]> other = otherMember(group)) {
                other.subscribe(List.of(topic));
                long deadline = System.nanoTime() + JOIN.toNanos();
                while (other.assignment().isEmpty() && System.nanoTime() < deadline) {
                    other.poll(Duration.ofMillis(100));
                }
                assertThat(other.assignment()).hasSize(1);

                // When 30 records come to each partition, the trigger is told to drain, and the other member leaves
                // only a while later, without committing
                NumberedRecords.produce(SERVICES.kafka().bootstrapServers(), topic, 90, 3, null);
                trigger.stop();
                thread.join(HELD.toMillis());
                endedWhileHeld = !thread.isAlive();
            }
            thread.join(JOIN.toMillis());

            // Then the trigger waited for the partition and delivered it too: every record, once
            assertThat(endedWhileHeld)
                    .as("the trigger ended while a partition was held outside its pollers")
                    .isFalse();
            assertThat(thread.isAlive()).isFalse();
            assertThat(trigger.failure()).isNull();
            assertThat(trigger.delivered().records()).isEqualTo(90);
            assertThat(trigger.delivered().repeats()).isZero();
            assertThat(trigger.lag()).isZero();
        }
    }

    /** A consumer of the group beside the trigger's poller, with the pollers' cooperative assignor. */
    private static KafkaConsumer<byte[], byte[]> otherMember(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SERVICES.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    }
}
