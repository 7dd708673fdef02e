package io.msklambda.local.schedule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What each target of the schedule receives at a tick: the payload EventBridge delivers to that target, as JSON.
 */
public interface TickEvents {

    /** How many targets, hence concurrent invocations per tick. */
    int targets();

    /** The payload target {@code target} (0-based) receives for the tick at {@code time}. */
    String event(int target, String tickId, Instant time);

    /**
     * The targets of our template's rule without reading it: each a scheduled event with
     * {@code detail {"shard": i, "shards": N}}, as the rule's input transformers write it.
     */
    static TickEvents sharded(int shards) {
        return new TickEvents() {
            @Override
            public int targets() {
                return shards;
            }

            @Override
            public String event(int target, String tickId, Instant time) {
                return "{\"version\":\"0\",\"id\":\"" + tickId + "\",\"detail-type\":\"Scheduled Event\","
                        + "\"source\":\"aws.events\",\"account\":\"123456789012\",\"time\":\""
                        + time.truncatedTo(ChronoUnit.SECONDS) + "\",\"region\":\"us-east-1\",\"resources\":"
                        + "[\"arn:aws:events:us-east-1:123456789012:rule/ProducerSchedule\"],\"detail\":{\"shard\":"
                        + target + ",\"shards\":" + shards + "}}";
            }

            @Override
            public String toString() {
                return shards + " target(s), detail {shard: i, shards: " + shards + "}";
            }
        };
    }

    /** A fresh id for a tick, as EventBridge gives each event one. */
    static String newTickId() {
        return UUID.randomUUID().toString();
    }
}
