package io.msklambda.local.pipeline;

import io.msklambda.local.faults.RunCounters;
import io.msklambda.local.faults.RunProbe;
import io.msklambda.local.trigger.MskTrigger;

/** What the fault schedule reads of the run as it goes: the producers' and the trigger's counters, and the lag. */
final class PipelineProbe implements RunProbe {

    private final ProducerClients producerClients;
    private final Acknowledgements acknowledgements;
    private final MskTrigger trigger;

    PipelineProbe(ProducerClients producerClients, Acknowledgements acknowledgements, MskTrigger trigger) {
        this.producerClients = producerClients;
        this.acknowledgements = acknowledgements;
        this.trigger = trigger;
    }

    @Override
    public RunCounters counters() {
        return new RunCounters(
                0,
                producerClients.retries(),
                acknowledgements.failed(),
                trigger.failedBatches(),
                trigger.retries(),
                Progress.lag(trigger, acknowledgements));
    }

    @Override
    public long lastAcknowledgedNanos(int partition) {
        return acknowledgements.lastAcknowledgedNanos(partition);
    }
}
