package io.msklambda.local.pipeline;

import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.dynamodb.EmbeddedDynamoDb;
import io.msklambda.local.stack.Services;
import io.msklambda.model.ConfigSource;
import io.msklambda.model.InvalidConfigException;
import io.msklambda.producer.KafkaProperties;
import io.msklambda.producer.ProducerSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The variables the template (and {@code --env-vars}) give each function, which a run passes on beside its own: a
 * variable the run has no flag for ({@code FLUSH_TIMEOUT_MS}, {@code WRITE_CONCURRENCY}, a {@code KAFKA_*} client
 * override) still reaches the function, and is checked before anything starts as the function's init checks it.
 *
 * @param producer the producer's variables, empty without a template
 * @param consumer the consumer's variables, empty without a template
 */
public record FunctionVariables(Map<String, String> producer, Map<String, String> consumer) {

    /** Without a template: only what the run sets. */
    public static final FunctionVariables NONE = new FunctionVariables(Map.of(), Map.of());

    /**
     * What the local stack gives the functions in place of the template's: where the brokers and DynamoDB are, how to
     * sign in (the stack's principal plays the role {@code IAM_ROLE_ARN} names; there is no STS here) and the region.
     */
    private static final Set<String> FROM_THE_STACK = Set.of(
            ProducerSettings.BOOTSTRAP_SERVERS,
            ProducerSettings.AUTH_MODE,
            "IAM_ROLE_ARN",
            "IAM_STS_REGION",
            ConsumerSettings.DYNAMODB_ENDPOINT,
            ConsumerSettings.AWS_REGION);

    /** Stands for the embedded cluster's address, not known before it starts, in the checks before the run. */
    private static final String BROKERS_NOT_STARTED = "127.0.0.1:9092";

    public FunctionVariables {
        producer = Map.copyOf(producer);
        consumer = Map.copyOf(consumer);
    }

    /** The producer's environment: the template's variables with the run's own over them. */
    Map<String, String> producerEnvironment(Workload workload, Services services, String bootstrapServers) {
        Map<String, String> env = fromTemplate(producer);
        env.put(ProducerSettings.BOOTSTRAP_SERVERS, bootstrapServers);
        env.put(ProducerSettings.TOPIC_NAME, services.topic());
        env.put(ProducerSettings.PAYLOAD, workload.payload().name());
        env.put(ProducerSettings.AUTH_MODE, services.auth().name());
        env.put(ProducerSettings.BATCH_SIZE.name(), Integer.toString(workload.producerBatchSize()));
        env.put(
                ProducerSettings.BATCH_INTERVAL_MS.name(),
                Long.toString(workload.producerBatchInterval().toMillis()));
        env.put(ProducerSettings.MAX_RUN_SEC.name(), Integer.toString(workload.runSeconds()));
        env.put(ProducerSettings.DEVICE_COUNT.name(), Integer.toString(workload.devices()));
        env.put(ProducerSettings.ORDER_ITEMS_FORMAT, workload.itemsFormat().name());
        return env;
    }

    /** The consumer's settings: the template's variables with the run's tables, window and region over them. */
    ConsumerSettings consumerSettings(Services services, Mapping mapping, String region) {
        Map<String, String> env = fromTemplate(consumer);
        env.put(ConsumerSettings.AGGREGATES_TABLE, services.aggregatesTable());
        env.put(ConsumerSettings.REJECTS_TABLE, services.rejectsTable());
        env.put(ConsumerSettings.WINDOW_SECONDS.name(), Integer.toString(mapping.windowSeconds()));
        env.put(ConsumerSettings.AWS_REGION, region);
        return ConsumerSettings.from(new ConfigSource(env));
    }

    /**
     * Both functions' init checks on the environments a run would give them, before anything starts.
     *
     * @throws IllegalArgumentException naming the function and the variable, its value and what is allowed
     */
    void check(Workload workload, Services services, Mapping mapping) {
        try {
            KafkaProperties.of(ProducerSettings.from(
                    new ConfigSource(producerEnvironment(workload, services, BROKERS_NOT_STARTED))));
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException("ProducerFunction: " + e.getMessage(), e);
        }
        try {
            consumerSettings(services, mapping, EmbeddedDynamoDb.REGION);
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException("ConsumerFunction: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> fromTemplate(Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(variables);
        env.keySet().removeAll(FROM_THE_STACK);
        return env;
    }
}
