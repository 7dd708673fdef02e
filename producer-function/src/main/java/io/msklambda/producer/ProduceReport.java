package io.msklambda.producer;

import org.slf4j.spi.LoggingEventBuilder;

/**
 * What one invocation published: the handler's result, and the counts in the error when it fails.
 *
 * @param payload orders or telemetry
 * @param topic the topic written to
 * @param shard which of the concurrent invocations this was, as {@code i/n}
 * @param attempted records handed to the Kafka producer
 * @param sent records the broker acknowledged ({@code acks=all}); a record is never counted as sent before that
 * @param failed records that failed or were not acknowledged by the end of the run: {@code attempted - sent}
 * @param bytesSent value bytes of the acknowledged records
 * @param elapsedMillis from the first send to the last acknowledgement
 * @param recordsPerSecond {@code sent} per second of {@code elapsedMillis}
 */
public record ProduceReport(
        String payload,
        String topic,
        String shard,
        long attempted,
        long sent,
        long failed,
        long bytesSent,
        long elapsedMillis,
        double recordsPerSecond) {

    /** The report as fields of a log line: each count a field of Lambda's JSON log line, not text in its message. */
    LoggingEventBuilder addTo(LoggingEventBuilder line) {
        return line.addKeyValue("payload", payload)
                .addKeyValue("topic", topic)
                .addKeyValue("shard", shard)
                .addKeyValue("attempted", attempted)
                .addKeyValue("sent", sent)
                .addKeyValue("failed", failed)
                .addKeyValue("bytesSent", bytesSent)
                .addKeyValue("elapsedMillis", elapsedMillis)
                .addKeyValue("recordsPerSecond", recordsPerSecond);
    }

    static ProduceReport of(ProducerSettings settings, Shard shard, DeliveryTracker tracker, long elapsedNanos) {
        long elapsedMillis = elapsedNanos / 1_000_000;
        long sent = tracker.acknowledged();
        double rate = elapsedNanos <= 0 ? 0 : Math.round(sent * 1e9 / elapsedNanos * 10) / 10.0;
        return new ProduceReport(
                settings.payload().name().toLowerCase(java.util.Locale.ROOT),
                settings.topic(),
                shard.toString(),
                tracker.attempted(),
                sent,
                tracker.attempted() - sent,
                tracker.acknowledgedBytes(),
                elapsedMillis,
                rate);
    }
}
