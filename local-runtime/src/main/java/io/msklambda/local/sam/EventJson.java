package io.msklambda.local.sam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Events as JSON, and the JSON paths EventBridge takes in {@code InputPath} and {@code InputPathsMap}. */
final class EventJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * EventBridge's path syntax: dot notation with letters, digits, dashes, underscores and slashes, and array indices
     * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html). Its wildcards are
     * not emulated: a path with one is refused when the template is read.
     */
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z0-9_/-]+)|\\[(\\d+)]");

    private EventJson() {}

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the event is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The steps of a path such as {@code $.detail.shard} or {@code $.resources[0]}: field names and indices.
     *
     * @throws IllegalArgumentException naming the path, when it is outside the syntax emulated here
     */
    static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        if (path == null) {
            throw new IllegalArgumentException("a JSON path has no value locally");
        }
        Matcher step = STEP.matcher(path);
        int at = 1;
        while (path.startsWith("$") && at < path.length() && step.find(at) && step.start() == at) {
            steps.add(step.group(1) != null ? step.group(1) : Integer.valueOf(step.group(2)));
            at = step.end();
        }
        if (!path.startsWith("$") || at != path.length()) {
            throw new IllegalArgumentException(
                    "JSON path " + path + " is not one EventBridge takes here: $ followed by "
                            + ".name and [index] steps (names of letters, digits, '-', '_' and '/'; no wildcards)");
        }
        return steps;
    }

    /** What the path selects in the event, or null when the event has nothing there. */
    static JsonNode select(JsonNode event, String path) {
        JsonNode node = event;
        for (Object step : steps(path)) {
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** A value as text: a string's characters, anything else as compact JSON. */
    static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
