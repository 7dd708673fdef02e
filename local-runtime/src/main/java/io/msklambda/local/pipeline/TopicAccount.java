package io.msklambda.local.pipeline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The topic's own account, read back whole at the end of a run and matched position by position against what the
 * producers had acknowledged.
 *
 * @param records        records on the topic
 * @param lost           acknowledged positions that hold no record (an acknowledged write the cluster lost)
 * @param duplicated     records nobody acknowledged whose bytes equal an acknowledged record's: a send written
 *                       twice (what idempotence prevents)
 * @param unacknowledged other records nobody acknowledged: sends the producer reported as failed (or never heard
 *                       back about) that the broker had written all the same
 */
public record TopicAccount(long records, long lost, long duplicated, long unacknowledged) {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Reads {@code topic} from its start to its end offsets as they are now. A second pass, only when some records
     * were not acknowledged, tells the duplicates from the rest.
     */
    static TopicAccount read(Map<String, Object> client, String topic, Acknowledgements acknowledgements) {
        OffsetSet onTopic = new OffsetSet();
        Set<ByteBuffer> notAcknowledged = new HashSet<>();
        long records = readAll(client, topic, record -> {
            onTopic.add(record.partition(), record.offset());
            if (!acknowledgements.positions().contains(record.partition(), record.offset())) {
                notAcknowledged.add(ByteBuffer.wrap(value(record)));
            }
        });
        long extra = records - (acknowledgements.acknowledged() - acknowledgements.positions().countMissingFrom(onTopic));
        Set<ByteBuffer> copiesOfAcknowledged = new HashSet<>();
        if (!notAcknowledged.isEmpty()) {
            readAll(client, topic, record -> {
                ByteBuffer bytes = ByteBuffer.wrap(value(record));
                if (acknowledgements.positions().contains(record.partition(), record.offset())
                    && notAcknowledged.contains(bytes)) {
                    copiesOfAcknowledged.add(bytes);
                }
            });
        }
        long[] duplicated = {0};
        if (!copiesOfAcknowledged.isEmpty()) {
            readAll(client, topic, record -> {
                if (!acknowledgements.positions().contains(record.partition(), record.offset())
                    && copiesOfAcknowledged.contains(ByteBuffer.wrap(value(record)))) {
                    duplicated[0]++;
                }
            });
        }
        return new TopicAccount(records, acknowledgements.positions().countMissingFrom(onTopic), duplicated[0],
            extra - duplicated[0]);
    }

    private static byte[] value(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? new byte[0] : record.value();
    }

    private static long readAll(Map<String, Object> client, String topic,
                                Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            long records = 0;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, READ_TIMEOUT) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end offsets " + end
                        + " within " + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        each.accept(record);
                        records++;
                    }
                }
            }
            return records;
        }
    }
}
