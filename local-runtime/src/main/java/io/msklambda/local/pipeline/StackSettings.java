package io.msklambda.local.pipeline;

import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.trigger.KafkaSource;
import io.msklambda.local.trigger.TriggerOptions;
import io.msklambda.producer.ProducerSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * What the run's parts take from the stack they run on: the trigger's source, the producer's environment, and the
 * client of the run itself, each with the stack's addresses and the credentials of its client.
 */
final class StackSettings {

    private final PipelineOptions options;
    private final LocalStack stack;

    StackSettings(PipelineOptions options, LocalStack stack) {
        this.options = options;
        this.stack = stack;
    }

    /** The mapping's options, reading the run's topic on the stack's cluster as the trigger's client. */
    TriggerOptions trigger() {
        Mapping mapping = options.mapping();
        KafkaSource source = new KafkaSource(
                stack.bootstrapServers(),
                stack.clientProperties(LocalStack.Client.TRIGGER),
                options.services().topic(),
                mapping.consumerGroup(),
                mapping.startingPosition(),
                mapping.startingTimestamp(),
                stack.eventSourceArn());
        return new TriggerOptions(
                source,
                mapping.batching(),
                mapping.errors(),
                mapping.pollers(),
                mapping.filterCriteria(),
                mapping.onFailure());
    }

    /** The template's variables with the run's over them, and the function's memory, which Lambda sets for it. */
    Map<String, String> producerEnvironment() {
        Map<String, String> environment = options.variables()
                .producerEnvironment(options.workload(), options.services(), stack.bootstrapServers());
        environment.put(
                ProducerSettings.FUNCTION_MEMORY_SIZE.name(),
                Integer.toString(options.limits().producerMemoryMb()));
        return environment;
    }

    /** The properties of a client of the run itself (reading the lag, reading the topic back). */
    Map<String, Object> operatorClient() {
        Map<String, Object> client = new HashMap<>(stack.clientProperties());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return client;
    }
}
