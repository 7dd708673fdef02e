package io.msklambda.local.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the cluster's own admin client asks about topics: creating one and waiting until it takes writes, who
 * leads a partition, and which partitions have fewer in-sync replicas than replicas (under-replicated).
 */
final class ClusterTopics {

    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(15);

    static final int NO_LEADER = -1;

    private final Admin admin;

    ClusterTopics(Admin admin) {
        this.admin = admin;
    }

    /**
     * Creates a topic and waits until every partition accepts writes, so that the first send does not bounce off
     * {@code UNKNOWN_TOPIC_OR_PARTITION}.
     *
     * @throws KafkaException if the topic exists, the arguments are invalid, or it is not ready in time
     */
    void create(String name, int partitions, short replicationFactor) {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, replicationFactor)))
                    .all()
                    .get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
            awaitWritable(name, partitions, deadline);
        } catch (ExecutionException e) {
            throw new KafkaException(
                    "cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("topic " + name + " was not ready within " + TOPIC_READY_TIMEOUT, e);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    /** Per partition of {@code topic}, the id of the broker leading it, or -1 while none does (an election). */
    Map<Integer, Integer> leaders(String topic) {
        return describe(List.of(topic)).get(topic).partitions().stream()
                .collect(Collectors.toMap(
                        TopicPartitionInfo::partition,
                        info -> info.leader() == null || info.leader().isEmpty()
                                ? NO_LEADER
                                : info.leader().id()));
    }

    /** Partitions of every topic (the internal ones too) whose in-sync replicas are fewer than their replicas. */
    int underReplicated() {
        try {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return (int) describe(names).values().stream()
                    .flatMap(topic -> topic.partitions().stream())
                    .filter(partition ->
                            partition.isr().size() < partition.replicas().size())
                    .count();
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot list the cluster's topics: " + e, e);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    private Map<String, TopicDescription> describe(java.util.Collection<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames().get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot describe topics " + topics + ": " + e, e);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    /**
     * Creation returns once the controller has committed the topic; the brokers learn of it a moment later, from
     * the metadata log, and only then create the partitions' logs. So: wait until the metadata shows a leader for
     * every partition (polling: the Admin client's offset lookup fails, rather than retries, on a topic a broker
     * does not know yet), then list each partition's latest offset, which only the leader's log answers (the
     * Admin client retries the partition-level "not leader yet" errors itself). With several brokers the offset
     * lookup may ask its metadata of a broker that has not read the topic yet, although the one that described it
     * had: that is polled too, until the deadline.
     */
    private void awaitWritable(String name, int partitions, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        while (!everyPartitionHasLeader(name, partitions, deadline)) {
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        Map<TopicPartition, OffsetSpec> latestOfEach = IntStream.range(0, partitions)
                .mapToObj(partition -> new TopicPartition(name, partition))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        while (true) {
            try {
                admin.listOffsets(latestOfEach).all().get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }
    }

    private boolean everyPartitionHasLeader(String name, int partitions, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            TopicDescription topic = admin.describeTopics(List.of(name))
                    .topicNameValues()
                    .get(name)
                    .get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
            return topic.partitions().size() == partitions
                    && topic.partitions().stream()
                            .allMatch(partition -> partition.leader() != null
                                    && !partition.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    static long remainingNanos(long deadline) throws TimeoutException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new TimeoutException();
        }
        return remaining;
    }
}
