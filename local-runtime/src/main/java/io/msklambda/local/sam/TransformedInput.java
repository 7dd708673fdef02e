package io.msklambda.local.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An {@code InputTransformer}'s template filled in from one event, following
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html:
 * <ul>
 * <li>in a JSON template, a placeholder outside quotes becomes the value as JSON (a string in quotes, an array or
 *     object as it is); inside quotes, and anywhere in a text template, it becomes the value's text;</li>
 * <li>EventBridge does not escape the values it inserts, so neither does this;</li>
 * <li>a variable whose path matches nothing in the event "isn't created and won't appear in the output": its
 *     placeholder is replaced by nothing;</li>
 * <li>the predefined variables {@code aws.events.rule-arn}, {@code aws.events.rule-name},
 *     {@code aws.events.event.ingestion-time}, {@code aws.events.event} (the event without {@code detail}) and
 *     {@code aws.events.event.json} (the whole event) need no path; the rule is the event's {@code resources[0]}
 *     and the ingestion time its {@code time}.</li>
 * </ul>
 */
final class TransformedInput {

    private TransformedInput() {}

    static String render(Map<String, String> inputPathsMap, String template, JsonNode event) {
        Map<String, JsonNode> values = predefined(event);
        Set<String> variables = new HashSet<>(values.keySet());
        inputPathsMap.forEach((name, path) -> {
            variables.add(name);
            JsonNode value = EventJson.select(event, path);
            if (value != null) {
                values.put(name, value);
            }
        });
        boolean json = template.strip().startsWith("{") || template.strip().startsWith("[");
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            int end = c == '<' ? template.indexOf('>', i) : -1;
            if (end > 0 && variables.contains(template.substring(i + 1, end))) {
                JsonNode value = values.get(template.substring(i + 1, end));
                if (value != null) {
                    out.append(inString || !json ? EventJson.text(value) : asJson(value));
                }
                i = end;
                continue;
            }
            if (json && inString) {
                inString = escaped || c != '"';
                escaped = !escaped && c == '\\';
            } else if (json && c == '"') {
                inString = true;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A value as a JSON value, its text put in quotes as it is, unescaped, as EventBridge does. */
    private static String asJson(JsonNode value) {
        return value.isTextual() ? '"' + value.asText() + '"' : value.toString();
    }

    private static Map<String, JsonNode> predefined(JsonNode event) {
        Map<String, JsonNode> values = new HashMap<>();
        JsonNode rule = event.path("resources").path(0);
        if (rule.isTextual()) {
            values.put("aws.events.rule-arn", rule);
            String arn = rule.asText();
            values.put("aws.events.rule-name", TextNode.valueOf(arn.substring(arn.lastIndexOf('/') + 1)));
        }
        if (event.has("time")) {
            values.put("aws.events.event.ingestion-time", event.get("time"));
        }
        if (event instanceof ObjectNode whole) {
            values.put("aws.events.event", whole.deepCopy().without("detail"));
            values.put("aws.events.event.json", whole);
        }
        return values;
    }
}
