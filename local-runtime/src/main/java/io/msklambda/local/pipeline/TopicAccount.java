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
 * The topic's own account, read back at the end of a run from where the trigger started to the end offsets, and
 * matched position by position against what the producers had acknowledged.
 *
 * @param records        records on the topic from the trigger's starting offsets on
 * @param lost           acknowledged positions that hold no record, and positions acknowledged twice (a write the
 *                       cluster lost, its offset reused by a later one)
 * @param duplicated     records nobody acknowledged with the key and value of an acknowledged record: a send written
 *                       twice (what idempotence prevents)
 * @param unacknowledged other records nobody acknowledged: sends the producer reported as failed (or never heard
 *                       back about) that the broker had written all the same
 */
public record TopicAccount(long records, long lost, long duplicated, long unacknowledged) {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Reads {@code topic} from {@code startOffsets} (a partition missing there, from its beginning) to its end
     * offsets as they are now. A second pass, only when some records were not acknowledged, tells which of those
     * copy an acknowledged one.
     */
    static TopicAccount read(
            Map<String, Object> client,
            String topic,
            Map<TopicPartition, Long> startOffsets,
            Acknowledgements acknowledgements) {
        OffsetSet acknowledged = acknowledgements.positions();
        OffsetSet onTopic = new OffsetSet();
        Map<ByteBuffer, Long> notAcknowledged = new HashMap<>();
        long records = readAll(client, topic, startOffsets, record -> {
            onTopic.add(record.partition(), record.offset());
            if (!acknowledged.contains(record.partition(), record.offset())) {
                notAcknowledged.merge(identity(record), 1L, Long::sum);
            }
        });
        Set<ByteBuffer> copied = new HashSet<>();
        if (!notAcknowledged.isEmpty()) {
            readAll(client, topic, startOffsets, record -> {
                if (acknowledged.contains(record.partition(), record.offset())) {
                    ByteBuffer identity = identity(record);
                    if (notAcknowledged.containsKey(identity)) {
                        copied.add(identity);
                    }
                }
            });
        }
        long duplicated = copied.stream().mapToLong(notAcknowledged::get).sum();
        long unacknowledgedRecords =
                notAcknowledged.values().stream().mapToLong(Long::longValue).sum();
        long lost = acknowledged.countMissingFrom(onTopic) + acknowledgements.overwritten();
        return new TopicAccount(records, lost, duplicated, unacknowledgedRecords - duplicated);
    }

    /** A record's key and value, which a send written twice repeats exactly. */
    private static ByteBuffer identity(ConsumerRecord<byte[], byte[]> record) {
        byte[] key = record.key() == null ? new byte[0] : record.key();
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return ByteBuffer.allocate(Integer.BYTES + key.length + value.length)
                .putInt(key.length)
                .put(key)
                .put(value)
                .flip();
    }

    private static long readAll(
            Map<String, Object> client,
            String topic,
            Map<TopicPartition, Long> startOffsets,
            Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            startOffsets.forEach((partition, offset) -> {
                if (partitions.contains(partition)) {
                    consumer.seek(partition, offset);
                }
            });
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            long records = 0;
            while (partitions.stream()
                    .anyMatch(partition -> consumer.position(partition, READ_TIMEOUT) < end.get(partition))) {
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
