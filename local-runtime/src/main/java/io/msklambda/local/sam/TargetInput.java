package io.msklambda.local.sam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a schedule target delivers to its function for one scheduled event. */
public sealed interface TargetInput {

    /** The payload the function is invoked with, for an event as {@link ScheduleRule#scheduledEvent} makes it. */
    String render(String scheduledEventJson);

    /** No {@code Input}, {@code InputPath} or {@code InputTransformer}: EventBridge delivers the event itself. */
    record MatchedEvent() implements TargetInput {
        @Override
        public String render(String scheduledEventJson) {
            return scheduledEventJson;
        }
    }

    /** {@code Input}: this text, whatever the event. */
    record Constant(String input) implements TargetInput {
        public Constant {
            Objects.requireNonNull(input, "input");
        }

        @Override
        public String render(String scheduledEventJson) {
            return input;
        }
    }

    /** {@code InputPath}: the part of the event the path selects. */
    record Path(String inputPath) implements TargetInput {
        public Path {
            EventJson.steps(inputPath);
        }

        /** @throws IllegalArgumentException when the path selects nothing: what AWS sends then is not documented */
        @Override
        public String render(String scheduledEventJson) {
            JsonNode selected = EventJson.select(EventJson.parse(scheduledEventJson), inputPath);
            if (selected == null) {
                throw new IllegalArgumentException(
                        "InputPath " + inputPath + " selects nothing in " + scheduledEventJson);
            }
            return selected.toString();
        }
    }

    /**
     * {@code InputTransformer}: the template with each {@code <variable>} filled in from the event, by EventBridge's
     * rules (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html).
     *
     * @param inputPathsMap variable to JSON path, e.g. {@code time -> $.time}
     * @param inputTemplate JSON or text with {@code <variable>} placeholders
     */
    record Transformer(Map<String, String> inputPathsMap, String inputTemplate) implements TargetInput {
        public Transformer {
            inputPathsMap = Collections.unmodifiableMap(new LinkedHashMap<>(inputPathsMap));
            inputPathsMap.values().forEach(EventJson::steps);
            Objects.requireNonNull(inputTemplate, "inputTemplate");
        }

        @Override
        public String render(String scheduledEventJson) {
            return TransformedInput.render(inputPathsMap, inputTemplate, EventJson.parse(scheduledEventJson));
        }
    }

    /**
     * An EventBridge Scheduler target's {@code Input}, with its context attributes filled in
     * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html) from the
     * event's {@code resources[0]}, {@code time} and {@code id}, on a first attempt. Without an input Scheduler sends
     * "a default notification" whose shape AWS does not document; locally that is an empty JSON object.
     */
    record SchedulerInput(String input) implements TargetInput {
        @Override
        public String render(String scheduledEventJson) {
            if (input == null) {
                return "{}";
            }
            JsonNode event = EventJson.parse(scheduledEventJson);
            return input.replace(
                            "<aws.scheduler.schedule-arn>",
                            event.path("resources").path(0).asText())
                    .replace(
                            "<aws.scheduler.scheduled-time>", event.path("time").asText())
                    .replace("<aws.scheduler.execution-id>", event.path("id").asText())
                    .replace("<aws.scheduler.attempt-number>", "1");
        }
    }
}
