package io.msklambda.local.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which trigger an event file comes from, by the fields each service puts in its events, so that {@code invoke} can
 * say when an event does not match the function's trigger: the handler would take it without complaint (a
 * scheduled event read as a KafkaEvent has no records) and quietly do nothing.
 *
 * @param description what the event is, for the warning
 * @param eventTypes  the SAM event source types that send it
 *                    (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html)
 */
record EventKind(String description, Set<String> eventTypes) {

    private static final EventKind MSK = new EventKind("an MSK event (eventSource aws:kafka)", Set.of("MSK"));
    private static final EventKind SELF_MANAGED_KAFKA =
            new EventKind("a self-managed Kafka event (eventSource SelfManagedKafka)", Set.of("SelfManagedKafka"));
    private static final EventKind EVENTBRIDGE = new EventKind(
            "an EventBridge event (source, detail-type)",
            Set.of("Schedule", "ScheduleV2", "EventBridgeRule", "CloudWatchEvent"));

    /** The kind of the event in {@code file}; empty for JSON of no kind known here, or no JSON at all. */
    static Optional<EventKind> of(Path file) {
        JsonNode event;
        try {
            event = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            return Optional.empty(); // the runtime's deserializer says what is wrong with it, in Lambda's words
        }
        if (event == null || !event.isObject()) {
            return Optional.empty();
        }
        String source = event.path("eventSource").asText("");
        if (source.equals("aws:kafka")) {
            return Optional.of(MSK);
        }
        if (source.equals("SelfManagedKafka")) {
            return Optional.of(SELF_MANAGED_KAFKA);
        }
        return event.has("source") && event.has("detail-type") ? Optional.of(EVENTBRIDGE) : Optional.empty();
    }

    /**
     * A warning when the function has triggers in the template and none of them sends this kind of event.
     *
     * @param triggers the function's events in the template: their names and SAM types
     */
    Optional<String> mismatch(String function, Path file, Map<String, String> triggers) {
        Collection<String> types = triggers.values();
        if (types.isEmpty() || types.stream().anyMatch(eventTypes::contains)) {
            return Optional.empty();
        }
        return Optional.of("invoke: warning: " + file + " is " + description + ", but " + function + " is triggered by "
                + String.join(
                        ", ",
                        triggers.entrySet().stream()
                                .map(e -> e.getValue() + " (" + e.getKey() + ")")
                                .toList())
                + " in the template: the handler gets an event its trigger never sends");
    }
}
