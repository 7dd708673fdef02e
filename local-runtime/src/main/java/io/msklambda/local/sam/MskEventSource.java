package io.msklambda.local.sam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A function's Kafka trigger (its {@code MSK} or {@code SelfManagedKafka} event: the event source mapping SAM makes),
 * with every value within AWS's limits. A null value is not set in the template, or has no value locally (a parameter
 * without a default): the caller applies AWS's default. Of AWS's behaviours around these values, two are easy to miss
 * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html): the error handling controls
 * (retries, record age, bisect, partial batch responses) exist in provisioned mode only, which is why this record
 * never has them without pollers; and with infinite retries (-1, the default) and an on-failure destination, Lambda
 * retries a batch at most 10 times.
 *
 * @param logicalId the mapping's logical id: the function's id followed by the event's, as SAM names it
 * @param stream the MSK cluster ARN ({@code Stream}); null for a self-managed cluster (its servers are in
 *               {@code otherProperties} under {@code KafkaBootstrapServers})
 * @param topics the one topic read
 * @param startingPosition {@code LATEST}, {@code TRIM_HORIZON} or {@code AT_TIMESTAMP}
 * @param startingPositionTimestamp where {@code AT_TIMESTAMP} starts
 * @param filterPatterns each {@code FilterCriteria} filter's {@code Pattern}
 * @param onFailureDestination {@code DestinationConfig.OnFailure.Destination}: an SQS, SNS or S3 ARN or {@code kafka://topic}
 * @param minimumPollers {@code ProvisionedPollerConfig.MinimumPollers}; with {@code maximumPollers} null, on-demand mode
 * @param otherProperties the other properties set, resolved, by name (e.g. {@code SourceAccessConfigurations},
 *                        {@code SchemaRegistryConfig}, {@code KmsKeyArn}, {@code ProvisionedPollerConfig.PollerGroupName})
 */
public record MskEventSource(
        String logicalId,
        String stream,
        List<String> topics,
        String startingPosition,
        Instant startingPositionTimestamp,
        Integer batchSize,
        Integer maximumBatchingWindowInSeconds,
        String consumerGroupId,
        List<String> filterPatterns,
        String onFailureDestination,
        Integer maximumRetryAttempts,
        Integer maximumRecordAgeInSeconds,
        Boolean bisectBatchOnFunctionError,
        List<String> functionResponseTypes,
        Integer minimumPollers,
        Integer maximumPollers,
        Boolean enabled,
        Map<String, Object> otherProperties) {

    public MskEventSource {
        Objects.requireNonNull(logicalId, "logicalId");
        topics = copy(topics);
        filterPatterns = copy(filterPatterns);
        functionResponseTypes = copy(functionResponseTypes);
        otherProperties = Collections.unmodifiableMap(new LinkedHashMap<>(otherProperties));
    }

    /** Unmodifiable; null and unresolvable elements kept as they are. */
    private static List<String> copy(List<String> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
