package io.msklambda.local.trigger;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * How the trigger's group has spread the topic's partitions over its pollers: whether every partition has an owner,
 * and whether every poller has its share. Read from the pollers' threads and from the thread waiting for the trigger.
 */
final class GroupAssignment {

    /** How long the group may take to give every poller its share before the pollers go ahead anyway. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(15);

    private static final Duration CHECK_EVERY = Duration.ofMillis(20);

    private final Pollers pollers;
    private volatile int partitions = -1;
    private volatile boolean settled;
    private volatile long startNanos;

    GroupAssignment(Pollers pollers) {
        this.pollers = pollers;
    }

    /** The trigger starts: the settle timeout counts from now. */
    void start() {
        startNanos = System.nanoTime();
    }

    /** The topic's partitions, once the first poller has read them; -1 until then. */
    int partitions() {
        return partitions;
    }

    void partitions(int count) {
        partitions = count;
    }

    /**
     * Waits until the pollers own every partition of the topic between them, each its share.
     *
     * @param running counts down when the trigger ends: then there is nothing more to wait for
     * @return false if that did not happen within the timeout, or the trigger ended first
     */
    boolean await(Duration timeout, Supplier<List<Poller>> current, CountDownLatch running)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && running.getCount() > 0) {
            Set<TopicPartition> owned = new HashSet<>();
            current.get().forEach(poller -> owned.addAll(poller.owned()));
            if (partitions > 0 && owned.size() == partitions && settled(current.get())) {
                return true;
            }
            Thread.sleep(CHECK_EVERY.toMillis());
        }
        return false;
    }

    /**
     * Whether the group has spread the topic's partitions over the pollers, each with a share: as the mapping's pollers
     * start with theirs. Until then no poller sends a batch, or the first to join would take every partition's first
     * batches alone. Once settled, stays so; after {@link #SETTLE_TIMEOUT} it counts as settled whatever the shares.
     */
    boolean settled(List<Poller> all) {
        if (settled) {
            return true;
        }
        Set<TopicPartition> owned = new HashSet<>();
        boolean everyOneHasAShare = true;
        for (Poller poller : all) {
            owned.addAll(poller.owned());
            everyOneHasAShare &= !poller.owned().isEmpty();
        }
        boolean spread = partitions > 0
                && all.size() == pollers.count(partitions)
                && owned.size() == partitions
                && everyOneHasAShare;
        settled = spread || System.nanoTime() - startNanos > SETTLE_TIMEOUT.toNanos();
        return settled;
    }
}
