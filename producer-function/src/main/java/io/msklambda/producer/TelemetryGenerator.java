package io.msklambda.producer;

import io.msklambda.model.JsonCodec;
import io.msklambda.model.Telemetry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Temperature readings: each device follows a bounded random walk between {@link #MIN} and {@link #MAX}
 * degrees (steps of at most ±{@link #MAX_STEP}, reflected at the bounds), which looks like a sensor rather
 * than noise. An invocation reads its shard's devices in turn, so each device reports at the same rate.
 */
final class TelemetryGenerator implements RecordGenerator {

    static final double MIN = 25.0;
    static final double MAX = 35.0;
    static final double MAX_STEP = 0.5;

    private final String topic;
    private final int deviceCount;
    private final double[] temperatures;
    private final JsonCodec codec = new JsonCodec();
    private RandomGenerator random;
    private long turn;

    TelemetryGenerator(String topic, int deviceCount, RandomGenerator random) {
        this.topic = topic;
        this.deviceCount = deviceCount;
        this.temperatures = new double[deviceCount + 1];
        reseed(random);
    }

    @Override
    public ProducerRecord<byte[], byte[]> next(Shard shard, long nowMillis) {
        Telemetry reading = reading(shard, nowMillis);
        return new ProducerRecord<>(topic, codec.key(reading), codec.encode(reading));
    }

    Telemetry reading(Shard shard, long nowMillis) {
        int owned = shard.ownedDevices(deviceCount);
        // a shard beyond the device count owns none; it then reads all devices rather than publish nothing
        int device = owned == 0 ? 1 + (int) (turn++ % deviceCount) : shard.device((int) (turn++ % owned));
        double t = temperatures[device] + (2 * random.nextDouble() - 1) * MAX_STEP;
        if (t > MAX) {
            t = 2 * MAX - t;
        } else if (t < MIN) {
            t = 2 * MIN - t;
        }
        temperatures[device] = t;
        // tenths of a degree, in the form AggregatedDecimal keeps: always one decimal
        return new Telemetry(device, Instant.ofEpochMilli(nowMillis), BigDecimal.valueOf(Math.round(t * 10), 1));
    }

    /** New stream and new starting temperatures, so that restored environments diverge from the first record. */
    @Override
    public void reseed(RandomGenerator random) {
        this.random = random;
        for (int d = 1; d <= deviceCount; d++) {
            temperatures[d] = MIN + random.nextDouble() * (MAX - MIN);
        }
    }
}
