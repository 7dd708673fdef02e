package io.msklambda.local.pipeline;

import java.time.Duration;
import java.util.Objects;

import io.msklambda.local.faults.FaultSpec;

/**
 * Everything a pipeline run needs, in small records each validated when built, so that a bad option fails before
 * anything starts.
 *
 * @param workload     the schedule and the producers
 * @param services     Kafka and DynamoDB, embedded or real
 * @param mapping      the trigger and the consumer
 * @param faults       what goes wrong, and when
 * @param drainTimeout how long the consumer may take to catch up once the producers are done and the faults healed
 * @param verbose      print the functions' own log lines
 */
public record PipelineOptions(Workload workload, Services services, Mapping mapping, FaultPlan faults,
                              Duration drainTimeout, boolean verbose) {

    public PipelineOptions {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(faults, "faults");
        OptionCheck.require(drainTimeout.compareTo(Duration.ofSeconds(1)) >= 0, "--drain-timeout", drainTimeout,
            "must be 1s or more");
        for (FaultSpec fault : faults.scheduled()) {
            OptionCheck.require(!fault.kind().onKafka() || services.embeddedKafka(), "--fault", fault,
                "stops brokers of the embedded Kafka cluster; it cannot be used with --bootstrap-servers");
            OptionCheck.require(fault.kind().onKafka() || services.embeddedDynamoDb(), "--fault", fault,
                "acts on the embedded DynamoDB Local; it cannot be used with --dynamodb-endpoint");
        }
    }

    /** Long enough for a whole run plus the producer's reserve for its last acknowledgements. */
    public Duration producerTimeout() {
        return Duration.ofSeconds(workload.runSeconds() + 15L);
    }
}
