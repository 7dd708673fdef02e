package io.msklambda.model;

import static io.msklambda.model.RejectReason.OUT_OF_RANGE;
import static io.msklambda.model.RejectReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An order's {@code items}: an array of {@code {"product_id":…,"quantity":…}}, or a JSON string holding one (as some
 * producers write it). The lines are read while the parser is on them, so the field's outcome is kept as an
 * {@link Items} until the order is checked.
 */
final class OrderItemsReader {

    /**
     * The {@code items} field as read.
     *
     * @param token   the field's token ({@link JsonToken#VALUE_NULL} when null)
     * @param lines   the lines, when it was an array (or a string holding one) and every line is valid; else null
     * @param problem the first problem in the array or the string, if there was one; else null
     */
    record Items(JsonToken token, List<OrderItem> lines, DecodeResult.Rejected problem) {}

    private OrderItemsReader() {}

    /** Reads the value the parser is on; anything but an array or a string is skipped and left to the order's check. */
    static Items read(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.START_ARRAY) {
            return lines(json, token);
        }
        if (token == JsonToken.VALUE_STRING) {
            return linesInText(json.getText(), token);
        }
        json.skipChildren();
        return new Items(token, null, null);
    }

    private static Items linesInText(String text, JsonToken token) throws IOException {
        try (JsonParser nested = JsonCodec.parser(text)) {
            if (nested.nextToken() != JsonToken.START_ARRAY) {
                return new Items(
                        token, null, DecodeResult.rejected(WRONG_TYPE, "items is a string but not a JSON array"));
            }
            return lines(nested, token);
        } catch (JacksonException e) {
            return new Items(
                    token,
                    null,
                    DecodeResult.rejected(
                            WRONG_TYPE, FieldChecks.clip("items is a string but not JSON: " + e.getOriginalMessage())));
        }
    }

    /** Reads the array the parser is on into its lines, or the first problem. */
    private static Items lines(JsonParser json, JsonToken token) throws IOException {
        List<OrderItem> lines = new ArrayList<>(4);
        FieldChecks check = new FieldChecks();
        int index = 0;
        while (json.nextToken() != JsonToken.END_ARRAY) {
            int line = index++;
            if (json.currentToken() != JsonToken.START_OBJECT) {
                json.skipChildren();
                check.fail(WRONG_TYPE, "items[" + line + "] must be an object");
                continue;
            }
            lines.add(line(json, line, check));
        }
        if (check.problem() == null && lines.isEmpty()) {
            check.fail(OUT_OF_RANGE, "items is empty: an order has at least one line");
        }
        return new Items(token, check.problem() == null ? lines : null, check.problem());
    }

    /** Reads one line's object; unknown fields are skipped. */
    private static OrderItem line(JsonParser json, int line, FieldChecks check) throws IOException {
        JsonScalar productId = null;
        JsonScalar quantity = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            switch (name) {
                case "product_id" -> productId = JsonScalar.read(json);
                case "quantity" -> quantity = JsonScalar.read(json);
                default -> json.skipChildren();
            }
        }
        long product = wholeNumber(check, productId, line, ".product_id");
        long units = wholeNumber(check, quantity, line, ".quantity");
        return new OrderItem((int) product, (int) units);
    }

    /** A count or an id from 0 to {@link Integer#MAX_VALUE}; {@code items[line]<suffix>} is named only on a problem. */
    private static long wholeNumber(FieldChecks check, JsonScalar field, int line, String suffix) {
        if (field != null
                && field.token() == JsonToken.VALUE_NUMBER_INT
                && field.whole() >= 0
                && field.whole() <= Integer.MAX_VALUE) {
            return field.whole();
        }
        return check.wholeNumber(field, "items[" + line + "]" + suffix, 0, Integer.MAX_VALUE);
    }
}
