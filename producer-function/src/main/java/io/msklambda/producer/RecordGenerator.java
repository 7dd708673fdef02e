package io.msklambda.producer;

import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Makes the records of one execution environment. Not thread-safe: an environment runs one invocation at a
 * time, which is how Lambda calls a handler.
 */
public interface RecordGenerator {

    /** The generator the settings ask for, drawing from {@code random}. */
    static RecordGenerator forSettings(ProducerSettings settings, RandomGenerator random) {
        return switch (settings.payload()) {
            case ORDERS -> new OrderGenerator(settings.topic(), settings.itemsFormat(), UserPool.create(), random);
            case TELEMETRY -> new TelemetryGenerator(settings.topic(), settings.deviceCount(), random);
            case CUSTOM -> settings.spec().orElseThrow().generator(settings.topic(), random);
        };
    }

    /** The next record for this shard, stamped with {@code nowMillis} as its event time. */
    ProducerRecord<byte[], byte[]> next(Shard shard, long nowMillis);

    /**
     * Replaces the random source, for a fresh environment's own stream (after a SnapStart restore, every
     * environment restored from one snapshot must draw a new seed).
     */
    void reseed(RandomGenerator random);
}
