package io.msklambda.tests.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.msklambda.local.trigger.Batching;
import io.msklambda.local.trigger.ErrorHandling;
import io.msklambda.local.trigger.KafkaSource;
import io.msklambda.local.trigger.MskTrigger;
import io.msklambda.local.trigger.Pollers;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.local.trigger.TriggerOptions;
import io.msklambda.tests.support.LocalServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The trigger emulator's limits and ordering, against the real broker. */
class MskTriggerTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    @Test
    void splitsBatchesAtTheSixMegabytePayloadLimitAndKeepsEachPartitionInOrder() throws Exception {
        // Given 900 records of 10 KB on 2 partitions: about 12 MB once base64-encoded, under a batch size of 10,000
        String topic = "big-" + UUID.randomUUID();
        SERVICES.kafka().createTopic(topic, 2);
        byte[] value = new byte[10_000];
        Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVICES.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < 900; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, null, value));
            }
        }
        List<Long> eventValueBytes = new ArrayList<>();
        Map<Integer, List<Long>> offsets = new HashMap<>();
        MskTrigger.Function function = event -> {
            long bytes = 0;
            for (List<KafkaEvent.KafkaEventRecord> group : event.getRecords().values()) {
                for (KafkaEvent.KafkaEventRecord record : group) {
                    bytes += record.getValue().length();
                    offsets.computeIfAbsent(record.getPartition(), p -> new ArrayList<>())
                            .add(record.getOffset());
                }
            }
            eventValueBytes.add(bytes);
            return null;
        };
        TriggerOptions options = TriggerOptions.of(
                        new KafkaSource(
                                SERVICES.kafka().bootstrapServers(),
                                Map.of(),
                                topic,
                                "g-" + topic,
                                StartingPosition.TRIM_HORIZON,
                                null),
                        new Batching(10_000, Duration.ofSeconds(2)))
                .withErrors(ErrorHandling.DEFAULT, new Pollers(1, 1), null);

        // When the trigger drains the topic
        try (MskTrigger trigger = new MskTrigger(options, function, 0, 1, new PrintWriter(new StringWriter()))) {
            Thread thread = new Thread(trigger);
            thread.start();
            trigger.stop();
            thread.join(60_000);
            assertThat(trigger.failure()).isNull();
            assertThat(trigger.delivered().records()).isEqualTo(900);
        }

        // Then no event passed 6 MB, so there were several, and every partition came in offset order, once
        assertThat(eventValueBytes)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(Batching.MAX_PAYLOAD_BYTES));
        assertThat(offsets.values())
                .allSatisfy(list ->
                        assertThat(list).isSorted().doesNotHaveDuplicates().hasSize(450));
    }
}
