package io.msklambda.local.faults;

/**
 * The run's counters at one moment, from which a fault's effects are told: the difference between the moment it
 * was injected and the moment the pipeline had caught up after it healed.
 *
 * @param leaderChanges   times a partition of the topic got another leader (or none)
 * @param producerRetries sends the producers' clients retried by themselves (the {@code record-retry-total} metric)
 * @param failedSends     sends the producers' clients gave up on and reported as failed
 * @param failedBatches   batches the trigger delivered that failed at least once
 * @param triggerRetries  times the trigger delivered a failed batch again
 * @param lag             records on the topic the trigger had not committed yet
 */
public record RunCounters(
        long leaderChanges, long producerRetries, long failedSends, long failedBatches, long triggerRetries, long lag) {

    RunCounters withLeaderChanges(long changes) {
        return new RunCounters(changes, producerRetries, failedSends, failedBatches, triggerRetries, lag);
    }

    RunCounters minus(RunCounters earlier) {
        return new RunCounters(
                leaderChanges - earlier.leaderChanges,
                producerRetries - earlier.producerRetries,
                failedSends - earlier.failedSends,
                failedBatches - earlier.failedBatches,
                triggerRetries - earlier.triggerRetries,
                lag);
    }
}
