package io.msklambda.local.trigger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    /** "true story" is text, not the JSON value true followed by noise. */
    private static final ObjectReader STRICT = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** No filter: every record is delivered. */
    public static final FilterCriteria NONE =
            new FilterCriteria(List.of(), Machine.builder().build());

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
            throw new IllegalArgumentException(
                    "a mapping takes at most " + MAX_FILTERS + " filters: " + patterns.size());
        }
        Machine machine = Machine.builder().build();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            JsonNode parsed;
            try {
                parsed = STRICT.readTree(pattern);
            } catch (IOException e) {
                throw invalid(pattern, e);
            }
            if (parsed == null || !parsed.isObject() || !parsed.has("value") || parsed.size() != 1) {
                throw new IllegalArgumentException("filter " + pattern + ": a Kafka mapping filters on \"value\" "
                        + "only, e.g. {\"value\": {\"device_id\": [{\"numeric\": [\">\", 5]}]}}");
            }
            try {
                machine.addRule("filter-" + i, pattern);
            } catch (IOException | RuntimeException e) {
                throw invalid(pattern, e);
            }
        }
        return new FilterCriteria(List.copyOf(patterns), machine);
    }

    private static IllegalArgumentException invalid(String pattern, Exception e) {
        String reason = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
        return new IllegalArgumentException("filter " + pattern + " is not a valid pattern: " + reason, e);
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
        JsonNode node = valueNode(value);
        if (node != null) {
            event.set("value", node);
        }
        return !machine.rulesForJSONEvent(event).isEmpty();
    }

    /** The value as JSON, else as a string; null (no {@code value} at all) for no value or bytes that are not text. */
    private static JsonNode valueNode(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode parsed = STRICT.readTree(value);
            if (parsed != null && !parsed.isMissingNode()) {
                return parsed;
            }
        } catch (IOException notJson) {
            // a plain string, matched as one
        }
        try {
            return JSON.getNodeFactory()
                    .textNode(StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(value))
                            .toString());
        } catch (CharacterCodingException binary) {
            return null;
        }
    }
}
