package io.msklambda.local.sam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A schedule that invokes a function: an {@code AWS::Events::Rule} with a {@code ScheduleExpression}, an
 * {@code AWS::Scheduler::Schedule}, or a function's {@code Schedule}/{@code ScheduleV2} event, with only the targets
 * that invoke that function and exist under the template's conditions.
 *
 * @param logicalId the rule's logical id; for a function's event, the one SAM gives it (function id + event id)
 * @param expression {@code rate(...)}, {@code cron(...)} (or {@code at(...)} for a Scheduler schedule), as written
 * @param enabled false when its {@code State} is {@code DISABLED} (or a SAM event's {@code Enabled} is false)
 * @param targets what each invocation receives
 * @param arn the rule's ARN in the local stack, which scheduled events name in {@code resources}
 */
public record ScheduleRule(
        String logicalId, String expression, boolean enabled, List<ScheduleTarget> targets, String arn) {

    public ScheduleRule {
        Objects.requireNonNull(logicalId, "logicalId");
        targets = List.copyOf(targets);
        Objects.requireNonNull(arn, "arn");
    }

    /** An EventBridge rule's, named after its logical id. */
    public ScheduleRule(String logicalId, String expression, boolean enabled, List<ScheduleTarget> targets) {
        this(
                logicalId,
                expression,
                enabled,
                targets,
                "arn:aws:events:" + LocalArns.REGION + ":" + LocalArns.ACCOUNT + ":rule/" + logicalId);
    }

    /**
     * The event EventBridge makes of one tick of this schedule, before a target's input changes it: the envelope of
     * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html with {@code detail-type}
     * "Scheduled Event", {@code source} aws.events, the rule in {@code resources} and an empty {@code detail}.
     * For a Scheduler schedule it only carries the time, id and ARN its input's context attributes take.
     *
     * @param id the event's id (EventBridge gives each tick a UUID)
     * @param time when the tick fired; the event gives it to the second
     */
    public String scheduledEvent(String id, Instant time) {
        ObjectNode event = EventJson.MAPPER
                .createObjectNode()
                .put("version", "0")
                .put("id", id)
                .put("detail-type", "Scheduled Event")
                .put("source", "aws.events")
                .put("account", LocalArns.ACCOUNT)
                .put("time", time.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", LocalArns.REGION);
        event.putArray("resources").add(arn);
        event.putObject("detail");
        return event.toString();
    }
}
