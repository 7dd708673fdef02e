package io.msklambda.producer;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;

/**
 * Which of N concurrent invocations this is. The schedule's targets pass it in the event's {@code detail} as
 * {@code {"shard": i, "shards": n}}; telemetry uses it to give each invocation its own devices, so every
 * device's random walk stays one coherent series. An event without it (or with a value that makes no sense)
 * is shard 0 of 1: the schedule's shape never stops the producer.
 *
 * @param index 0-based, below {@code count}
 * @param count how many invocations share the load, at least 1
 */
public record Shard(int index, int count) {

    public static final Shard ALL = new Shard(0, 1);
    static final int MAX_SHARDS = 10_000;

    public Shard {
        if (count < 1 || count > MAX_SHARDS || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + " of " + count + " is not a valid shard");
        }
    }

    /** The shard named by a scheduled event's detail, or {@link #ALL}. */
    public static Shard of(ScheduledEvent event) {
        if (event == null || event.getDetail() == null) {
            return ALL;
        }
        Map<String, Object> detail = event.getDetail();
        Integer index = number(detail.get("shard"));
        Integer count = number(detail.get("shards"));
        if (index == null || count == null || count < 1 || count > MAX_SHARDS || index < 0 || index >= count) {
            return ALL;
        }
        return new Shard(index, count);
    }

    /**
     * How many of devices (or keys) 1..deviceCount this shard owns: every {@code count}-th, starting at index + 1.
     * Telemetry and a spec's {@code $key} in mode {@code round-robin-by-shard} give each shard its own keys this way.
     */
    public int ownedDevices(int deviceCount) {
        return index >= deviceCount ? 0 : (deviceCount - index - 1) / count + 1;
    }

    /** The {@code k}-th device this shard owns, 0-based k below {@link #ownedDevices}. */
    public int device(int k) {
        return index + 1 + k * count;
    }

    private static Integer number(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (value instanceof String s && s.matches("\\d{1,5}")) {
            return Integer.parseInt(s);
        }
        return null;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
