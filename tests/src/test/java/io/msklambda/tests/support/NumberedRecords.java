package io.msklambda.tests.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Records the trigger tests read back by number: record i has key {@code k<i>} and value {@code {"n":i}}, so a test
 * can tell which ones a batch held.
 */
public final class NumberedRecords {

    private NumberedRecords() {}

    /**
     * Writes {@code records} records and waits for them.
     *
     * @param partitions record i goes to partition {@code i % partitions}; 0 to let its key choose
     * @param timestamp  the records' timestamp (epoch ms); null for now
     */
    public static void produce(String bootstrapServers, String topic, int records, int partitions, Long timestamp) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(
                        topic,
                        partitions == 0 ? null : i % partitions,
                        timestamp,
                        ("k" + i).getBytes(StandardCharsets.UTF_8),
                        ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            }
        }
    }
}
