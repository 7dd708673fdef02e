package io.msklambda.local.cli;

import io.msklambda.local.sam.ScheduleRule;
import io.msklambda.local.schedule.TickEvents;
import java.time.Instant;

/** A template rule's targets, each rendering the tick's scheduled event as its input says. */
record TemplateTicks(ScheduleRule rule) implements TickEvents {

    @Override
    public int targets() {
        return rule.targets().size();
    }

    @Override
    public String event(int target, String tickId, Instant time) {
        return rule.targets().get(target).render(rule.scheduledEvent(tickId, time));
    }

    @Override
    public String toString() {
        return rule.logicalId() + " " + rule.expression() + ", " + targets() + " target(s)";
    }
}
