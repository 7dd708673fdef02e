package io.msklambda.producer;

import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Makes the records of one execution environment. Not thread-safe: an environment runs one invocation at a
 * time, which is how Lambda calls a handler.
 *
 * <p>Public API: a team's module may implement it, and hand a {@link Factory} to
 * {@link ProducerHandler#ProducerHandler(Factory)}; see {@link ProducerHandler} for the handler class around it.
 */
public interface RecordGenerator {

    /** Makes an environment's generator; {@code RecordGenerator::forSettings} is the built-in one. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param settings the function's settings (topic, payload, spec, devices...)
         * @param random the environment's own stream, seeded per environment: draw every random value from it, so
         *               that a seeded handler in a test makes the same records
         */
        RecordGenerator create(ProducerSettings settings, RandomGenerator random);
    }

    /**
     * The generator the settings ask for, drawing from {@code random}: orders and telemetry by their hand-written
     * generators (their compiled form: the built-in specs {@code specs/orders.json} and {@code specs/telemetry.json}
     * make the same bytes, see BENCHMARKS.md), {@code custom} by the spec interpreter.
     */
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
