package io.msklambda.model;

import static io.msklambda.model.RejectReason.MISSING_FIELD;
import static io.msklambda.model.RejectReason.NON_FINITE_NUMBER;
import static io.msklambda.model.RejectReason.NOT_JSON;
import static io.msklambda.model.RejectReason.NOT_UTF8;
import static io.msklambda.model.RejectReason.OUT_OF_RANGE;
import static io.msklambda.model.RejectReason.UNKNOWN_SHAPE;
import static io.msklambda.model.RejectReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A measurement, not production code: the record reader's rules on Jackson's tree ({@code ObjectMapper.readTree} into a
 * {@link JsonNode}, then the same field checks), to compare with the streaming {@link RecordReader} in
 * {@code RecordReaderBenchmark}. It lives in the benchmarks module only: the consumer jar has no jackson-databind.
 *
 * <p>One difference it cannot avoid: a tree keeps numbers as values, not as the text the producer wrote, so a reject
 * that quotes a number ({@code temperature is not finite: 1e999}) quotes the value ({@code Infinity}) instead, and a
 * decimal is quoted without its trailing zeros.
 */
public final class TreeRecordReader {

    private static final int MAX_DETAIL = 200;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            // decimals as decimals, so that AggregatedDecimal sees the number written, not a double's digits
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // the streaming reader rejects content after the object
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private TreeRecordReader() {}

    public static DecodeResult read(byte[] value) {
        if (!RecordReader.isUtf8(value)) {
            return DecodeResult.rejected(NOT_UTF8, "the value is not valid UTF-8 (" + value.length + " bytes)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (JacksonException e) {
            return DecodeResult.rejected(NOT_JSON, clip(e.getOriginalMessage()));
        } catch (IOException e) {
            return DecodeResult.rejected(NOT_JSON, clip(String.valueOf(e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            return DecodeResult.rejected(NOT_JSON, "expected a JSON object, found " + describe(root));
        }
        if (root.has("device_id")) {
            return telemetry(root);
        }
        if (root.has("order_id")) {
            return order(root);
        }
        TreeSet<String> names = new TreeSet<>();
        root.fieldNames().forEachRemaining(names::add);
        return DecodeResult.rejected(
                UNKNOWN_SHAPE, clip("neither device_id nor order_id; fields: " + String.join(", ", names)));
    }

    private static DecodeResult telemetry(JsonNode root) {
        Check check = new Check();
        long deviceId = check.deviceId(root.get("device_id"));
        Instant time = check.time(root.get("timestamp"), "timestamp");
        BigDecimal temperature = check.finiteNumber(root.get("temperature"), "temperature");
        return check.problem != null
                ? check.problem
                : new DecodeResult.Decoded(new Telemetry((int) deviceId, time, temperature));
    }

    private static DecodeResult order(JsonNode root) {
        Check check = new Check();
        String orderId = check.text(root.get("order_id"), "order_id");
        Instant time = check.time(root.get("ordered_at"), "ordered_at");
        String userId = check.text(root.get("user_id"), "user_id");
        List<OrderItem> lines = check.items(root.get("items"));
        return check.problem != null ? check.problem : order(new Order(orderId, time, userId, lines));
    }

    private static DecodeResult order(Order order) {
        return AggregatedDecimal.of(order.units()) == null
                ? DecodeResult.rejected(
                        OUT_OF_RANGE, FieldChecks.beyondTheLargest("units", Long.toString(order.units())))
                : new DecodeResult.Decoded(order);
    }

    /** The same checks as the streaming reader's, on nodes; the first problem is kept. */
    private static final class Check {
        DecodeResult.Rejected problem;

        void fail(RejectReason reason, String detail) {
            if (problem == null) {
                problem = DecodeResult.rejected(reason, clip(detail));
            }
        }

        boolean missing(JsonNode node, String name) {
            if (node == null || node.isNull()) {
                fail(MISSING_FIELD, name + " is missing");
                return true;
            }
            return false;
        }

        long deviceId(JsonNode node) {
            if (node != null && node.isTextual()) {
                String text = node.textValue();
                if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    fail(WRONG_TYPE, "device_id must be a whole number, found \"" + text + "\"");
                    return 0;
                }
                long id = Long.parseLong(text);
                if (id > Integer.MAX_VALUE) {
                    fail(OUT_OF_RANGE, "device_id " + text + " is too large");
                }
                return id;
            }
            return wholeNumber(node, "device_id", 0, Integer.MAX_VALUE);
        }

        long wholeNumber(JsonNode node, String name, long min, long max) {
            if (missing(node, name)) {
                return 0;
            }
            if (!node.isIntegralNumber()) {
                fail(WRONG_TYPE, name + " must be a whole number, found " + describe(node));
                return 0;
            }
            long value = node.canConvertToLong() ? node.longValue() : Long.MAX_VALUE;
            if (value < min || value > max) {
                fail(OUT_OF_RANGE, name + " " + node.asText() + " is outside " + min + ".." + max);
            }
            return value;
        }

        BigDecimal finiteNumber(JsonNode node, String name) {
            if (missing(node, name)) {
                return BigDecimal.ZERO;
            }
            if (!node.isNumber()) {
                fail(WRONG_TYPE, name + " must be a number, found " + describe(node));
                return BigDecimal.ZERO;
            }
            if (!Double.isFinite(node.doubleValue())) {
                fail(NON_FINITE_NUMBER, name + " is not finite: " + node.asText());
                return BigDecimal.ZERO;
            }
            BigDecimal value = AggregatedDecimal.of(node.asText());
            if (value == null) {
                fail(OUT_OF_RANGE, FieldChecks.beyondTheLargest(name, node.asText()));
                return BigDecimal.ZERO;
            }
            return value;
        }

        String text(JsonNode node, String name) {
            if (missing(node, name)) {
                return null;
            }
            if (!node.isTextual()) {
                fail(WRONG_TYPE, name + " must be a string, found " + describe(node));
                return null;
            }
            if (node.textValue().isBlank()) {
                fail(MISSING_FIELD, name + " is empty");
            }
            return node.textValue();
        }

        Instant time(JsonNode node, String name) {
            if (missing(node, name)) {
                return null;
            }
            Instant time;
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                time = EventTimes.fromEpochMillis(node.longValue());
            } else if (node.isIntegralNumber()) {
                fail(OUT_OF_RANGE, name + " " + node.asText() + " is not a plausible time");
                return null;
            } else if (node.isTextual()) {
                try {
                    time = EventTimes.parse(node.textValue());
                } catch (DateTimeParseException e) {
                    fail(WRONG_TYPE, name + " is not a timestamp: \"" + node.textValue() + "\"");
                    return null;
                }
            } else {
                fail(WRONG_TYPE, name + " must be a timestamp string or epoch milliseconds, found " + describe(node));
                return null;
            }
            if (!EventTimes.isPlausible(time)) {
                fail(
                        OUT_OF_RANGE,
                        name + " " + node.asText() + " is outside " + EventTimes.EARLIEST + " .. " + EventTimes.LATEST);
            }
            return time;
        }

        List<OrderItem> items(JsonNode node) {
            if (missing(node, "items")) {
                return null;
            }
            JsonNode array = node;
            if (node.isTextual()) {
                try {
                    array = MAPPER.readTree(node.textValue());
                } catch (JacksonException e) {
                    fail(WRONG_TYPE, "items is a string but not JSON: " + e.getOriginalMessage());
                    return null;
                }
                if (array == null || !array.isArray()) {
                    fail(WRONG_TYPE, "items is a string but not a JSON array");
                    return null;
                }
            } else if (!node.isArray()) {
                fail(WRONG_TYPE, "items must be an array or a string, found " + describe(node));
                return null;
            }
            return lines(array);
        }

        /** Like the streaming reader, names {@code items[line]<suffix>} only on a problem. */
        private long wholeNumber(JsonNode node, int line, String suffix) {
            if (node != null && node.isInt() && node.intValue() >= 0) {
                return node.intValue();
            }
            return wholeNumber(node, "items[" + line + "]" + suffix, 0, Integer.MAX_VALUE);
        }

        private List<OrderItem> lines(JsonNode array) {
            List<OrderItem> lines = new ArrayList<>(array.size());
            for (int line = 0; line < array.size(); line++) {
                JsonNode item = array.get(line);
                if (!item.isObject()) {
                    fail(WRONG_TYPE, "items[" + line + "] must be an object");
                    continue;
                }
                long product = wholeNumber(item.get("product_id"), line, ".product_id");
                long units = wholeNumber(item.get("quantity"), line, ".quantity");
                lines.add(new OrderItem((int) product, (int) units));
            }
            if (problem == null && lines.isEmpty()) {
                fail(OUT_OF_RANGE, "items is empty: an order has at least one line");
            }
            return lines;
        }
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING, BINARY -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "a whole number" : "a decimal number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case MISSING -> "nothing";
        };
    }

    private static String clip(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
