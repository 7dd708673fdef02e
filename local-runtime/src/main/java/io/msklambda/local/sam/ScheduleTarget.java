package io.msklambda.local.sam;

import java.util.Objects;

/**
 * One target of a {@link ScheduleRule}: a function invoked (asynchronously, as EventBridge does) with its input.
 *
 * @param id the target's {@code Id}; SAM's for a function's own event; the schedule's logical id for a Scheduler schedule
 * @param functionLogicalId the function it invokes (its ARN, alias or version in the template)
 * @param input what it delivers
 * @param maximumEventAgeInSeconds its {@code RetryPolicy}'s, null when not set (EventBridge: 24 hours)
 * @param maximumRetryAttempts its {@code RetryPolicy}'s, null when not set (EventBridge: 185)
 */
public record ScheduleTarget(
        String id,
        String functionLogicalId,
        TargetInput input,
        Integer maximumEventAgeInSeconds,
        Integer maximumRetryAttempts) {

    public ScheduleTarget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(functionLogicalId, "functionLogicalId");
        Objects.requireNonNull(input, "input");
    }

    /** The payload EventBridge delivers to this target for a scheduled event: see {@link TargetInput}. */
    public String render(String scheduledEventJson) {
        return input.render(scheduledEventJson);
    }
}
