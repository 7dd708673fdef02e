package io.msklambda.local.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the trigger reads: the mapping's cluster, topic, consumer group and starting position.
 *
 * @param bootstrapServers  the cluster
 * @param clientProperties  extra consumer properties (authentication)
 * @param topic             the topic read ({@code Topics}, one topic as the Lambda API allows)
 * @param consumerGroup     the group whose committed offsets mark progress ({@code ConsumerGroupId})
 * @param startingPosition  where a group without committed offsets starts
 * @param startingTimestamp {@code StartingPositionTimestamp}: required with {@link StartingPosition#AT_TIMESTAMP},
 *                          absent otherwise
 * @param eventSourceArn    the cluster ARN the events carry; null for a self-managed cluster
 */
public record KafkaSource(
        String bootstrapServers,
        Map<String, Object> clientProperties,
        String topic,
        String consumerGroup,
        StartingPosition startingPosition,
        Instant startingTimestamp,
        String eventSourceArn) {

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    /** Starting at {@code startingPosition}, which is not {@link StartingPosition#AT_TIMESTAMP}. */
    public KafkaSource(
            String bootstrapServers,
            Map<String, Object> clientProperties,
            String topic,
            String consumerGroup,
            StartingPosition startingPosition,
            String eventSourceArn) {
        this(bootstrapServers, clientProperties, topic, consumerGroup, startingPosition, null, eventSourceArn);
    }

    public KafkaSource {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(startingPosition, "startingPosition");
        if ((startingPosition == StartingPosition.AT_TIMESTAMP) != (startingTimestamp != null)) {
            throw new IllegalArgumentException("a starting timestamp goes with StartingPosition AT_TIMESTAMP, and "
                    + "only with it: " + startingPosition + ", " + startingTimestamp);
        }
    }

    /**
     * Describes the cluster's dynamic configuration, as an MSK event source mapping does with its execution role when
     * it starts: Lambda's guide lists {@code kafka-cluster:DescribeClusterDynamicConfiguration} among the permissions
     * an MSK trigger needs with IAM authentication
     * (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html), so a role without it fails here, as
     * the mapping would fail to start. One client for every attempt: a new one per attempt would spend the broker's
     * connection rate on its bootstrap connection each time ({@link ConnectionThrottle}).
     *
     * @param throttle waits out the broker's connection rate limit
     * @throws IllegalStateException with the client's error (an authorization failure among its causes) as its cause
     */
    void describeClusterConfiguration(ConnectionThrottle throttle) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "msk-trigger-setup-" + UUID.randomUUID());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) SETUP_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            throttle.call(() -> describe(admin));
        }
    }

    private static Void describe(Admin admin) {
        try {
            admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "")))
                    .all()
                    .get(SETUP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot describe the cluster's dynamic configuration: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the cluster did not describe its dynamic configuration within " + SETUP_TIMEOUT.toSeconds() + " s",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    /**
     * A poller's consumer: in the group, committing only by hand. A group without offsets starts at the earliest
     * record for TRIM_HORIZON and AT_TIMESTAMP (the poller then seeks to the timestamp), at the end for LATEST.
     */
    Map<String, Object> consumerConfig(int maxPollRecords) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "msk-trigger-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                startingPosition == StartingPosition.LATEST ? "latest" : "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        // A poller retries a batch without polling, for as long as it fails (forever by default): the group must not
        // drop it for that, as the mapping does not give up its partitions then either.
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Integer.MAX_VALUE);
        // Pollers join and leave one by one: a cooperative assignor moves only the partitions that change owner,
        // so the others' batches in flight are not revoked under them.
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // A member learns of a rebalance from a heartbeat: at the default 3 s, the first poller would keep every
        // partition for seconds while the others join.
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 250);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
