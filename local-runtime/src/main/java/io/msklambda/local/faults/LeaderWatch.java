package io.msklambda.local.faults;

import io.msklambda.local.kafka.EmbeddedKafka;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.KafkaException;

/**
 * Counts the leader changes of a topic's partitions, as a client would see them in the metadata: the cluster is
 * asked every {@link #POLL_MILLIS} ms who leads each partition, and every change counts (a partition without a
 * leader for a while, then with another one, counts twice). Runs on its own daemon thread until closed.
 */
final class LeaderWatch implements AutoCloseable {

    private static final long POLL_MILLIS = 250;

    private final EmbeddedKafka kafka;
    private final String topic;
    private final AtomicLong changes = new AtomicLong();
    private final Thread thread;
    private Map<Integer, Integer> last = new HashMap<>();

    LeaderWatch(EmbeddedKafka kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
        this.thread = new Thread(this::watch, "leader-watch");
        thread.setDaemon(true);
    }

    void start() {
        last = kafka.leaders(topic);
        thread.start();
    }

    long changes() {
        return changes.get();
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(POLL_MILLIS);
                Map<Integer, Integer> now = kafka.leaders(topic);
                now.forEach((partition, leader) -> {
                    if (!leader.equals(last.get(partition))) {
                        changes.incrementAndGet();
                    }
                });
                last = now;
            } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
                return;
            } catch (KafkaException | IllegalStateException e) {
                // no answer while the cluster elects or is closing: ask again at the next turn
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
