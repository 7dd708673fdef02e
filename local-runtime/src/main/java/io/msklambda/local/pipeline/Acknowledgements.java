package io.msklambda.local.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigException;

/**
 * Where every record a producer's client had acknowledged landed (partition, offset), and how many sends it
 * reported as failed: the producers' account of the run, position by position, so that the records on the topic
 * can be matched against it (none lost, none written twice).
 *
 * <p>It hears the acknowledgements through Kafka's own hook for that, a {@link ProducerInterceptor}: the producer
 * functions run unchanged, and the interceptor sees exactly the callbacks their sends get.
 */
public final class Acknowledgements {

    /** The producer property that hands this instance to the interceptor the client creates. */
    static final String INSTANCE_CONFIG = "msk-local.acknowledgements";

    private final OffsetSet positions = new OffsetSet();
    /**
     * The positions' count kept apart from them, so that the progress line reads it without taking the set's lock,
     * which the producers' I/O threads take for every record.
     */
    private final AtomicLong distinct = new AtomicLong();

    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong overwritten = new AtomicLong();
    private final Map<Integer, Long> lastNanos = new ConcurrentHashMap<>();

    /** The producer properties that make a client report to this instance. */
    Map<String, Object> producerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, Interceptor.class.getName());
        properties.put(INSTANCE_CONFIG, this);
        return properties;
    }

    /** Records acknowledged, each position once. */
    public long acknowledged() {
        return distinct.get();
    }

    /** Sends the clients gave up on (delivery time-out, fatal error) and reported as failed. */
    public long failed() {
        return failed.get();
    }

    /**
     * Acknowledgements of a position acknowledged before: the first record there was lost (truncated after an
     * unclean leader change) and its offset given to another.
     */
    public long overwritten() {
        return overwritten.get();
    }

    /** When (System.nanoTime) a record of {@code partition} was last acknowledged; 0 if none was. */
    public long lastAcknowledgedNanos(int partition) {
        return lastNanos.getOrDefault(partition, 0L);
    }

    OffsetSet positions() {
        return positions;
    }

    private void record(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            failed.incrementAndGet();
        } else if (metadata != null && metadata.hasOffset()) {
            if (positions.add(metadata.partition(), metadata.offset())) {
                distinct.incrementAndGet();
            } else {
                overwritten.incrementAndGet();
            }
            lastNanos.put(metadata.partition(), System.nanoTime());
        }
    }

    /** Kafka creates one per producer client, by class name, and configures it with the client's properties. */
    public static final class Interceptor implements ProducerInterceptor<byte[], byte[]> {

        private Acknowledgements target;

        @Override
        public void configure(Map<String, ?> configs) {
            if (!(configs.get(INSTANCE_CONFIG) instanceof Acknowledgements acknowledgements)) {
                throw new ConfigException(
                        INSTANCE_CONFIG,
                        configs.get(INSTANCE_CONFIG),
                        "the interceptor reports to an Acknowledgements instance given in this property");
            }
            target = acknowledgements;
        }

        @Override
        public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            target.record(metadata, exception);
        }

        @Override
        public void close() {}
    }
}
