package io.msklambda.local.trigger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.event.ruler.Machine;

/**
 * The mapping's {@code FilterCriteria}: which records reach the function. A Kafka mapping filters on the record's
 * {@code value} only, read as JSON, or as a plain string when it is not JSON
 * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-filtering.html), in EventBridge's pattern language, which
 * AWS's own event-ruler evaluates here. A record matching any of the filters is delivered; the others are committed
 * and never delivered (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
 */
public final class FilterCriteria {

    /** Filters per event source mapping (Lambda's default quota). */
    public static final int MAX_FILTERS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** No filter: every record is delivered. */
    public static final FilterCriteria NONE = new FilterCriteria(List.of(), new Machine());

    private final List<String> patterns;
    private final Machine machine;

    private FilterCriteria(List<String> patterns, Machine machine) {
        this.patterns = patterns;
        this.machine = machine;
    }

    /**
     * @param patterns each a filter's {@code Pattern}, e.g. {@code {"value": {"device_id": [{"numeric": [">", 5]}]}}};
     *                 none means every record is delivered
     * @throws IllegalArgumentException naming the pattern and what is wrong with it
     */
    public static FilterCriteria of(List<String> patterns) {
        if (patterns.size() > MAX_FILTERS) {
            throw new IllegalArgumentException("a mapping takes at most " + MAX_FILTERS + " filters: " + patterns.size());
        }
        Machine machine = new Machine();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            try {
                JsonNode parsed = JSON.readTree(pattern);
                if (parsed == null || !parsed.isObject() || !parsed.has("value") || parsed.size() != 1) {
                    throw new IllegalArgumentException("filter " + pattern + ": a Kafka mapping filters on \"value\" "
                        + "only, e.g. {\"value\": {\"device_id\": [{\"numeric\": [\">\", 5]}]}}");
                }
                machine.addRule("filter-" + i, pattern);
            } catch (IOException | RuntimeException e) {
                throw e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("filter ") ? iae
                    : new IllegalArgumentException("filter " + pattern + " is not a valid pattern: "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
            }
        }
        return new FilterCriteria(List.copyOf(patterns), machine);
    }

    public List<String> patterns() {
        return patterns;
    }

    /** Whether a record with this value reaches the function. */
    public boolean matches(byte[] value) {
        if (patterns.isEmpty()) {
            return true;
        }
        ObjectNode event = JSON.createObjectNode();
        event.set("value", valueNode(value));
        return !machine.rulesForJSONEvent(event).isEmpty();
    }

    private static JsonNode valueNode(byte[] value) {
        if (value == null) {
            return JSON.nullNode();
        }
        try {
            JsonNode parsed = JSON.readTree(value);
            if (parsed != null && !parsed.isMissingNode()) {
                return parsed;
            }
        } catch (IOException notJson) {
            // a plain string, matched as one
        }
        try {
            return JSON.getNodeFactory().textNode(StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString());
        } catch (CharacterCodingException binary) {
            return JSON.nullNode(); // neither JSON nor text: no pattern on its content can match it
        }
    }
}
