package io.msklambda.model;

import static io.msklambda.model.RejectReason.MISSING_FIELD;
import static io.msklambda.model.RejectReason.NON_FINITE_NUMBER;
import static io.msklambda.model.RejectReason.NOT_JSON;
import static io.msklambda.model.RejectReason.NOT_UTF8;
import static io.msklambda.model.RejectReason.OUT_OF_RANGE;
import static io.msklambda.model.RejectReason.UNKNOWN_SHAPE;
import static io.msklambda.model.RejectReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads a record value into an {@link Event} with Jackson's streaming parser, field by field, and turns
 * every problem into a {@link DecodeResult.Rejected}. What it accepts beyond what our producer writes:
 * unknown extra fields (ignored), fields in any order, {@code items} as an array or as a JSON string holding
 * one, {@code device_id} as a number or a string of digits, timestamps in every form {@link EventTimes}
 * reads, and epoch milliseconds. The shape is telemetry when {@code device_id} is present, an order when
 * {@code order_id} is.
 */
final class RecordReader {

    private static final int MAX_DETAIL = 200;
    static final double MAX_MAGNITUDE = 1e15;
    static final int MAX_DECIMALS = 15;

    /** The fields of either shape as found, before validation. */
    private static final class Fields {
        /** Every field name in order of appearance, repeats included: only a reject lists them (sorted, once). */
        final List<String> names = new ArrayList<>(8);
        boolean deviceIdPresent;
        boolean orderIdPresent;
        Field deviceId;
        Field timestamp;
        Field temperature;
        Field orderId;
        Field orderedAt;
        Field userId;
        Field items;
    }

    /** One scalar field: its token and text; {@code items} arrays keep their parsed lines or their problem. */
    private record Field(JsonToken token, String text, double number, long integer,
                         List<OrderItem> lines, DecodeResult.Rejected problem) {
    }

    private RecordReader() {
    }

    static DecodeResult read(byte[] value) {
        if (!isUtf8(value)) {
            return DecodeResult.rejected(NOT_UTF8, "the value is not valid UTF-8 (" + value.length + " bytes)");
        }
        Fields fields = new Fields();
        try (JsonParser json = JsonCodec.parser(value)) {
            JsonToken first = json.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return DecodeResult.rejected(NOT_JSON, "expected a JSON object, found " + describe(first));
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                fields.names.add(name);
                readField(json, name, fields);
            }
            if (json.nextToken() != null) {
                return DecodeResult.rejected(NOT_JSON, "content after the JSON object");
            }
        } catch (JacksonException e) {
            return DecodeResult.rejected(NOT_JSON, clip(e.getOriginalMessage()));
        } catch (IOException e) {
            return DecodeResult.rejected(NOT_JSON, clip(String.valueOf(e.getMessage())));
        }
        if (fields.deviceIdPresent) {
            return telemetry(fields);
        }
        if (fields.orderIdPresent) {
            return order(fields);
        }
        return DecodeResult.rejected(UNKNOWN_SHAPE,
                clip("neither device_id nor order_id; fields: " + String.join(", ", new TreeSet<>(fields.names))));
    }

    private static void readField(JsonParser json, String name, Fields fields) throws IOException {
        switch (name) {
            case "device_id" -> {
                fields.deviceId = scalar(json);
                fields.deviceIdPresent = true;
            }
            case "timestamp" -> fields.timestamp = scalar(json);
            case "temperature" -> fields.temperature = scalar(json);
            case "order_id" -> {
                fields.orderId = scalar(json);
                fields.orderIdPresent = true;
            }
            case "ordered_at" -> fields.orderedAt = scalar(json);
            case "user_id" -> fields.userId = scalar(json);
            case "items" -> fields.items = items(json);
            default -> json.skipChildren();
        }
    }

    private static Field scalar(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        return switch (token) {
            case VALUE_STRING -> new Field(token, json.getText(), 0, 0, null, null);
            case VALUE_NUMBER_INT -> json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? new Field(token, json.getText(), json.getDoubleValue(), Long.MAX_VALUE, null, null)
                    : new Field(token, json.getText(), json.getDoubleValue(), json.getLongValue(), null, null);
            case VALUE_NUMBER_FLOAT -> new Field(token, json.getText(), json.getDoubleValue(), 0, null, null);
            default -> {
                json.skipChildren();
                yield new Field(token, null, 0, 0, null, null);
            }
        };
    }

    private static Field items(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.START_ARRAY) {
            return lines(json, token);
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = json.getText();
            try (JsonParser nested = JsonCodec.parser(text)) {
                if (nested.nextToken() != JsonToken.START_ARRAY) {
                    return itemsProblem(token, DecodeResult.rejected(WRONG_TYPE, "items is a string but not a JSON array"));
                }
                return lines(nested, token);
            } catch (JacksonException e) {
                return itemsProblem(token, DecodeResult.rejected(WRONG_TYPE,
                        clip("items is a string but not JSON: " + e.getOriginalMessage())));
            }
        }
        json.skipChildren();
        return new Field(token, null, 0, 0, null, null);
    }

    private static Field itemsProblem(JsonToken token, DecodeResult.Rejected problem) {
        return new Field(token, null, 0, 0, null, problem);
    }

    /** Reads an array of {@code {"product_id":…,"quantity":…}} into the lines, or the first problem. */
    private static Field lines(JsonParser json, JsonToken token) throws IOException {
        List<OrderItem> lines = new ArrayList<>(4);
        Check check = new Check();
        int index = 0;
        while (json.nextToken() != JsonToken.END_ARRAY) {
            int line = index++;
            if (json.currentToken() != JsonToken.START_OBJECT) {
                json.skipChildren();
                check.fail(WRONG_TYPE, "items[" + line + "] must be an object");
                continue;
            }
            Field productId = null;
            Field quantity = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "product_id" -> productId = scalar(json);
                    case "quantity" -> quantity = scalar(json);
                    default -> json.skipChildren();
                }
            }
            long product = check.wholeNumber(productId, line, ".product_id", 0, Integer.MAX_VALUE);
            long units = check.wholeNumber(quantity, line, ".quantity", 0, Integer.MAX_VALUE);
            lines.add(new OrderItem((int) product, (int) units));
        }
        if (check.problem == null && lines.isEmpty()) {
            check.fail(OUT_OF_RANGE, "items is empty: an order has at least one line");
        }
        return new Field(token, null, 0, 0, check.problem == null ? lines : null, check.problem);
    }

    private static DecodeResult telemetry(Fields fields) {
        Check check = new Check();
        long deviceId = check.deviceId(fields.deviceId);
        Instant time = check.time(fields.timestamp, "timestamp");
        double temperature = check.finiteNumber(fields.temperature, "temperature");
        return check.problem != null ? check.problem
                : new DecodeResult.Decoded(new Telemetry((int) deviceId, time, temperature));
    }

    private static DecodeResult order(Fields fields) {
        Check check = new Check();
        String orderId = check.text(fields.orderId, "order_id");
        Instant time = check.time(fields.orderedAt, "ordered_at");
        String userId = check.text(fields.userId, "user_id");
        List<OrderItem> lines = check.items(fields.items);
        return check.problem != null ? check.problem
                : new DecodeResult.Decoded(new Order(orderId, time, userId, lines));
    }

    /**
     * Validates fields one after another and keeps the first problem; once there is one, later checks
     * return placeholders that are never used. This keeps each shape's reader a flat list of checks.
     */
    private static final class Check {
        DecodeResult.Rejected problem;

        void fail(RejectReason reason, String detail) {
            if (problem == null) {
                problem = DecodeResult.rejected(reason, clip(detail));
            }
        }

        private boolean missing(Field field, String name) {
            if (field == null || field.token() == JsonToken.VALUE_NULL) {
                fail(MISSING_FIELD, name + " is missing");
                return true;
            }
            return false;
        }

        long deviceId(Field field) {
            if (field != null && field.token() == JsonToken.VALUE_STRING) {
                String text = field.text();
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
            return wholeNumber(field, "device_id", 0, Integer.MAX_VALUE);
        }

        /** {@link #wholeNumber(Field, String, long, long)} of {@code items[line]<suffix>}, named only on a problem. */
        long wholeNumber(Field field, int line, String suffix, long min, long max) {
            if (field != null && field.token() == JsonToken.VALUE_NUMBER_INT && field.integer() >= min
                    && field.integer() <= max) {
                return field.integer();
            }
            return wholeNumber(field, "items[" + line + "]" + suffix, min, max);
        }

        long wholeNumber(Field field, String name, long min, long max) {
            if (missing(field, name)) {
                return 0;
            }
            if (field.token() != JsonToken.VALUE_NUMBER_INT) {
                fail(WRONG_TYPE, name + " must be a whole number, found " + describe(field.token()));
                return 0;
            }
            if (field.integer() < min || field.integer() > max) {
                fail(OUT_OF_RANGE, name + " " + field.text() + " is outside " + min + ".." + max);
            }
            return field.integer();
        }

        double finiteNumber(Field field, String name) {
            if (missing(field, name)) {
                return 0;
            }
            if (field.token() != JsonToken.VALUE_NUMBER_INT && field.token() != JsonToken.VALUE_NUMBER_FLOAT) {
                fail(WRONG_TYPE, name + " must be a number, found " + describe(field.token()));
                return 0;
            }
            if (!Double.isFinite(field.number())) {
                fail(NON_FINITE_NUMBER, name + " is not finite: " + field.text());
            } else if (!isAggregatable(field.number())) {
                fail(OUT_OF_RANGE, name + " " + field.text() + " is outside what can be aggregated exactly"
                        + " (magnitude up to 1E+15, up to 15 decimals)");
            }
            return field.number();
        }

        String text(Field field, String name) {
            if (missing(field, name)) {
                return null;
            }
            if (field.token() != JsonToken.VALUE_STRING) {
                fail(WRONG_TYPE, name + " must be a string, found " + describe(field.token()));
                return null;
            }
            if (field.text().isBlank()) {
                fail(MISSING_FIELD, name + " is empty");
            }
            return field.text();
        }

        Instant time(Field field, String name) {
            if (missing(field, name)) {
                return null;
            }
            Instant time;
            if (field.token() == JsonToken.VALUE_NUMBER_INT && field.integer() != Long.MAX_VALUE) {
                time = EventTimes.fromEpochMillis(field.integer());
            } else if (field.token() == JsonToken.VALUE_NUMBER_INT) {
                fail(OUT_OF_RANGE, name + " " + field.text() + " is not a plausible time");
                return null;
            } else if (field.token() == JsonToken.VALUE_STRING) {
                try {
                    time = EventTimes.parse(field.text());
                } catch (DateTimeParseException e) {
                    fail(WRONG_TYPE, name + " is not a timestamp: \"" + field.text() + "\"");
                    return null;
                }
            } else {
                fail(WRONG_TYPE, name + " must be a timestamp string or epoch milliseconds, found "
                        + describe(field.token()));
                return null;
            }
            if (!EventTimes.isPlausible(time)) {
                fail(OUT_OF_RANGE, name + " " + field.text() + " is outside "
                        + EventTimes.EARLIEST + " .. " + EventTimes.LATEST);
            }
            return time;
        }

        List<OrderItem> items(Field field) {
            if (missing(field, "items")) {
                return null;
            }
            if (field.problem() != null) {
                if (problem == null) {
                    problem = field.problem();
                }
                return null;
            }
            if (field.lines() == null) {
                fail(WRONG_TYPE, "items must be an array or a string, found " + describe(field.token()));
            }
            return field.lines();
        }
    }

    /**
     * Aggregates sum values exactly in decimal and DynamoDB keeps 38 significant digits between 1E-130 and
     * 1E+126, so a reading is kept within bounds that no real sensor comes near but that keep any sum exact.
     */
    static boolean isAggregatable(double value) {
        return Math.abs(value) <= MAX_MAGNITUDE
                && (value == 0 || ExactDecimals.strippedScale(value) <= MAX_DECIMALS);
    }

    static boolean isUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes));
                    return true;
                } catch (CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true; // plain ASCII, the common case
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static String clip(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
