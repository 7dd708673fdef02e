package io.msklambda.local.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.local.lambda.LambdaSerialization;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A function's partial batch response in the Kafka shape,
 * {@code {"batchItemFailures": [{"itemIdentifier": {"partition": "<topic>-<partition>", "offset": 100}}]}}
 * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html; an earlier revision of that page named
 * the key {@code topic-partition}, which is read too). A null or empty response, or an empty list, is a success; an
 * identifier that is not in the batch fails the whole batch. In a partition with a failure, the batch counts as done
 * up to the lowest failed offset and the rest is retried from there, as stream mappings do (AWS does not spell that
 * out for Kafka; it is the only reading that keeps the partition in order).
 */
final class BatchItemFailures {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a response reads. */
    sealed interface Reading permits Success, FailedFrom, Invalid {}

    /** Every record succeeded. */
    record Success() implements Reading {}

    /** The lowest failed offset in each partition ("topic-partition") that had a failure. */
    record FailedFrom(Map<String, Long> offsets) implements Reading {}

    /** A response that names records the batch does not have: the whole batch failed. */
    record Invalid(String reason) implements Reading {}

    private BatchItemFailures() {}

    static Reading read(Object response, List<ConsumerRecord<byte[], byte[]>> batch) {
        if (response == null) {
            return new Success();
        }
        JsonNode failures;
        try {
            failures = JSON.readTree(LambdaSerialization.toJson(response)).path("batchItemFailures");
        } catch (java.io.IOException | RuntimeException e) {
            return new Success(); // not JSON at all: nothing the mapping would read as failures
        }
        if (failures.isMissingNode() || failures.isNull() || failures.isArray() && failures.isEmpty()) {
            return new Success();
        }
        if (!failures.isArray()) {
            return new Invalid("batchItemFailures is not a list");
        }
        Set<String> inBatch = new HashSet<>();
        batch.forEach(record -> inBatch.add(key(record.topic() + "-" + record.partition(), record.offset())));
        Map<String, Long> lowest = new HashMap<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.path("itemIdentifier");
            JsonNode partition = id.has("partition") ? id.get("partition") : id.path("topic-partition");
            JsonNode offset = id.path("offset");
            if (!partition.isTextual()
                    || !offset.canConvertToLong()
                    || !inBatch.contains(key(partition.asText(), offset.asLong()))) {
                return new Invalid("itemIdentifier " + id + " is not a record of the batch");
            }
            lowest.merge(partition.asText(), offset.asLong(), Math::min);
        }
        return new FailedFrom(lowest);
    }

    private static String key(String partition, long offset) {
        return partition + "@" + offset;
    }
}
