package io.msklambda.local.faults;

/** What the fault schedule reads from the running pipeline to tell what a fault caused. */
public interface RunProbe {

    /** The counters now; {@link RunCounters#leaderChanges()} is the schedule's own and ignored here. */
    RunCounters counters();

    /** When (System.nanoTime) the broker last acknowledged a record of this partition; 0 if never. */
    long lastAcknowledgedNanos(int partition);
}
