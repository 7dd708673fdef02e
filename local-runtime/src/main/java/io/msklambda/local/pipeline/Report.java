package io.msklambda.local.pipeline;

import io.msklambda.local.faults.FaultSchedule;
import io.msklambda.local.schedule.ScheduleFanOut;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.trigger.MskTrigger;
import io.msklambda.producer.PayloadKind;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The end of a run as a person reads it: what the producers, the trigger and the faults did, then the verdict. */
final class Report {

    private static final int ERRORS_SHOWN = 5;
    private static final int SERIES_SHOWN = 20;

    private final PrintWriter out;
    private final PipelineOptions options;
    private final AccessReport access;

    Report(PrintWriter out, PipelineOptions options, AccessReport access) {
        this.out = out;
        this.options = options;
        this.access = access;
    }

    void producers(List<ScheduleFanOut.Invocation> invocations, Acknowledgements acknowledgements, long retried) {
        long failed = invocations.stream()
                .filter(invocation -> invocation.error() != null)
                .count();
        out.println();
        out.printf(
                Locale.ROOT,
                "producers: %d invocations (%d x %d per tick), %d failed; %,d records acknowledged, "
                        + "%,d sends failed, %,d sends retried by the clients%n",
                invocations.size(),
                options.workload().ticks(),
                options.workload().concurrency(),
                failed,
                acknowledgements.acknowledged(),
                acknowledgements.failed(),
                retried);
        invocations.stream()
                .filter(invocation -> invocation.error() != null)
                .limit(ERRORS_SHOWN)
                .forEach(invocation -> out.println("  tick " + invocation.tick() + " shard " + invocation.shard() + ": "
                        + access.explain(invocation.error(), LocalStack.Client.PRODUCER)));
    }

    void unfinishedProducers(int notReturned) {
        if (notReturned > 0) {
            out.printf(
                    Locale.ROOT,
                    "  unfinished: %d producer invocations had not returned (or not started)%n",
                    notReturned);
        }
    }

    /** @param conflicts the consumer's conditional writes that found their item changed (a crash, a moved partition) */
    void consumer(MskTrigger trigger, long conflicts) {
        String filtered = options.mapping().filters().isEmpty()
                ? ""
                : String.format(
                        Locale.ROOT, ", %,d filtered out", trigger.delivered().filtered());
        String givenUp = options.mapping().onFailure() == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        ", %,d sent to %s",
                        trigger.delivered().sentToDestination(),
                        options.mapping().onFailure());
        String discarded = trigger.delivered().discarded() == 0
                ? ""
                : String.format(
                        Locale.ROOT, ", %,d discarded", trigger.delivered().discarded());
        out.printf(
                Locale.ROOT,
                "consumer: %d invocations by %d pollers (%s), %,d records delivered (%,d more than "
                        + "once)%s%s%s; failed batches %d, retries %d, longest recovery %.1f s; conditional write conflicts %d%n",
                trigger.invocations(),
                trigger.pollerCount(),
                options.mapping().pollers(),
                trigger.delivered().records(),
                trigger.delivered().repeats(),
                filtered,
                givenUp,
                discarded,
                trigger.failedBatches(),
                trigger.retries(),
                trigger.longestRecovery().toMillis() / 1000.0,
                conflicts);
    }

    void unfinishedConsumer(MskTrigger trigger) {
        out.printf(
                Locale.ROOT,
                "  unfinished: lag %,d records not yet delivered, %,d of them in a batch still "
                        + "being retried; their offsets stay uncommitted%n",
                Math.max(0, trigger.lag()),
                trigger.pendingBatchRecords());
    }

    void faults(FaultSchedule faults) {
        if (!faults.isEmpty()) {
            out.println(faults.summary());
        }
    }

    void stopped(MskTrigger trigger) {
        if (trigger.failure() != null) {
            out.println("trigger stopped: " + access.explain(trigger.failure(), LocalStack.Client.TRIGGER));
        }
        out.println("reconciliation: not done - the trigger did not deliver every record");
    }

    /** The cluster's refusals, and with {@code --authorization report} the grants no request needed. */
    void authorization() {
        access.print(out);
    }

    void windows(WindowTable windows) {
        out.println();
        out.printf(
                "latest windows (%d s, UTC) in %s:%n",
                options.mapping().windowSeconds(), options.services().aggregatesTable());
        windows.print(out, SERIES_SHOWN, options.workload().payload() == PayloadKind.ORDERS ? 10 : 1);
    }

    void reconciliation(Reconciliation reconciliation, Duration wall) {
        out.println();
        out.println(reconciliation.summary());
        out.printf(Locale.ROOT, "wall time %.1f s%n", wall.toMillis() / 1000.0);
    }

    void interrupted(Duration wall) {
        out.printf(
                Locale.ROOT,
                "reconciliation: not done - interrupted after %.1f s; the services are closing and "
                        + "their temporary data is deleted%n",
                wall.toMillis() / 1000.0);
    }
}
