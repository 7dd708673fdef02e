package io.msklambda.local.stack;

import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.producer.AuthMode;
import java.net.URI;
import java.util.Objects;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/**
 * Where the run's data goes: the embedded Kafka cluster and DynamoDB Local unless real endpoints are given.
 *
 * @param topic            the topic
 * @param partitions       partitions of a topic the pipeline creates
 * @param brokers          brokers of the embedded cluster (MSK runs 3)
 * @param bootstrapServers a real cluster instead of the embedded one; null for embedded
 * @param auth             how producers and trigger connect; the embedded cluster listens the same way
 * @param dynamodbEndpoint a real DynamoDB (or another DynamoDB Local) instead of the embedded one; null for embedded
 * @param aggregatesTable  the aggregates table
 * @param rejectsTable     the rejects table
 */
public record Services(
        String topic,
        int partitions,
        int brokers,
        String bootstrapServers,
        AuthMode auth,
        URI dynamodbEndpoint,
        String aggregatesTable,
        String rejectsTable) {

    public Services {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(aggregatesTable, "aggregatesTable");
        Objects.requireNonNull(rejectsTable, "rejectsTable");
        try {
            Topic.validate(topic);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException("--topic '" + topic + "': " + e.getMessage(), e);
        }
        OptionCheck.require(
                ConsumerSettings.isTableName(aggregatesTable),
                "--aggregates-table",
                "'" + aggregatesTable + "'",
                "must be " + ConsumerSettings.TABLE_NAME_RULE);
        OptionCheck.require(
                ConsumerSettings.isTableName(rejectsTable),
                "--rejects-table",
                "'" + rejectsTable + "'",
                "must be " + ConsumerSettings.TABLE_NAME_RULE);
        OptionCheck.range(partitions, 1, 1000, "--partitions");
        OptionCheck.range(brokers, 1, EmbeddedKafka.MAX_BROKERS, "--brokers");
        OptionCheck.require(
                bootstrapServers == null || brokers == 1,
                "--brokers",
                brokers,
                "sizes the embedded cluster; it cannot be used with --bootstrap-servers");
    }

    public boolean embeddedKafka() {
        return bootstrapServers == null;
    }

    public boolean embeddedDynamoDb() {
        return dynamodbEndpoint == null;
    }
}
