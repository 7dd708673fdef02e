package io.msklambda.local.pipeline;

import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.model.ItemsFormat;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.PayloadKind;
import java.net.URI;
import java.time.Duration;

/**
 * Everything a pipeline run needs. A null {@code bootstrapServers} or {@code dynamodbEndpoint} means the
 * embedded broker or DynamoDB Local.
 *
 * @param payload what the producers generate
 * @param concurrency producer invocations per tick
 * @param tick time between ticks
 * @param ticks how many ticks
 * @param runSeconds each invocation's {@code MAX_RUN_SEC}
 * @param producerBatchSize {@code BATCH_SIZE}
 * @param producerBatchInterval {@code BATCH_INTERVAL_MS}
 * @param devices {@code DEVICE_COUNT}
 * @param itemsFormat {@code ORDER_ITEMS_FORMAT}
 * @param topic the topic
 * @param partitions partitions of a topic the pipeline creates
 * @param windowSeconds the consumer's {@code WINDOW_SECONDS}
 * @param triggerBatchSize records per consumer invocation at most
 * @param batchingWindow how long the trigger gathers records
 * @param startingPosition where the consumer group starts
 * @param consumerGroup the trigger's consumer group
 * @param maxRetries retries of a failed batch before the pipeline stops
 * @param seed fixes every random choice (data and faults) when set
 * @param bootstrapServers a real cluster instead of the embedded broker
 * @param auth how to authenticate to that cluster
 * @param dynamodbEndpoint a real DynamoDB (or another DynamoDB Local) instead of the embedded one
 * @param aggregatesTable the aggregates table
 * @param rejectsTable the rejects table
 * @param redeliverEvery fault: every this many batches, committed records are delivered again; 0 = never
 * @param crashEvery fault: every this many consumer invocations crashes mid-write; 0 = never
 * @param drainTimeout how long to wait for the consumer to catch up once the producers are done
 * @param verbose print the functions' own log lines
 */
public record PipelineOptions(
        PayloadKind payload,
        int concurrency,
        Duration tick,
        int ticks,
        int runSeconds,
        int producerBatchSize,
        Duration producerBatchInterval,
        int devices,
        ItemsFormat itemsFormat,
        String topic,
        int partitions,
        int windowSeconds,
        int triggerBatchSize,
        Duration batchingWindow,
        StartingPosition startingPosition,
        String consumerGroup,
        int maxRetries,
        Long seed,
        String bootstrapServers,
        AuthMode auth,
        URI dynamodbEndpoint,
        String aggregatesTable,
        String rejectsTable,
        int redeliverEvery,
        int crashEvery,
        Duration drainTimeout,
        boolean verbose) {

    public boolean embeddedKafka() {
        return bootstrapServers == null;
    }

    public boolean embeddedDynamoDb() {
        return dynamodbEndpoint == null;
    }

    /** Long enough for a whole run plus the producer's reserve for its last acknowledgements. */
    public Duration producerTimeout() {
        return Duration.ofSeconds(runSeconds + 15L);
    }
}
