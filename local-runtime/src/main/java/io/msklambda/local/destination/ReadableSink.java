package io.msklambda.local.destination;

import io.msklambda.local.trigger.OnFailureSink;

/**
 * An on-failure sink whose destination can be read back, for the run's reconciliation: every record the mapping
 * gave up on must be found there.
 */
public interface ReadableSink extends OnFailureSink {

    /**
     * How many failed records the destination has received, read from the destination itself (a message's or an
     * object's {@code KafkaBatchInfo.batchSize}, one per message on a Kafka topic), not from a count kept by
     * {@link #send}.
     */
    long recordsHeld() throws Exception;

    /** Where the records go, for a person: a queue URL, a directory, a topic on a cluster. */
    String location();
}
