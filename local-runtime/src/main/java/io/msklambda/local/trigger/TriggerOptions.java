package io.msklambda.local.trigger;

import java.util.Objects;

/**
 * The MSK trigger's settings: the event source mapping's properties, each group a record validated when built.
 *
 * @param source      what is read: cluster, topic, group, starting position
 * @param batching    how records are cut into batches
 * @param errors      what happens when the function fails
 * @param pollers     on-demand or provisioned pollers
 * @param filter      which records reach the function ({@code FilterCriteria}); {@link FilterCriteria#NONE} for all
 * @param onFailure   where records the mapping gives up on go ({@code DestinationConfig.OnFailure}); null for nowhere
 */
public record TriggerOptions(
        KafkaSource source,
        Batching batching,
        ErrorHandling errors,
        Pollers pollers,
        FilterCriteria filter,
        String onFailure) {

    public TriggerOptions {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(batching, "batching");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(pollers, "pollers");
        Objects.requireNonNull(filter, "filter");
        errors.requireAllowedIn(pollers);
        if (onFailure != null) {
            Destination destination = Destination.parse(onFailure);
            if (destination.kind() == Destination.Kind.KAFKA) {
                // https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html
                pollers.requireProvisioned("A Kafka topic destination (" + onFailure + ")");
                if (destination.name().equals(source.topic())) {
                    throw new IllegalArgumentException("the on-failure topic " + onFailure + " is the topic the "
                            + "mapping reads; Lambda refuses it, as it would feed the failures back to the function");
                }
            }
        }
    }

    /** On-demand, no filter, no destination, the default error handling: the mapping as most create it. */
    public static TriggerOptions of(KafkaSource source, Batching batching) {
        return new TriggerOptions(
                source, batching, ErrorHandling.DEFAULT, Pollers.ON_DEMAND, FilterCriteria.NONE, null);
    }

    public TriggerOptions withErrors(ErrorHandling errors, Pollers pollers, String onFailure) {
        return new TriggerOptions(source, batching, errors, pollers, filter, onFailure);
    }
}
