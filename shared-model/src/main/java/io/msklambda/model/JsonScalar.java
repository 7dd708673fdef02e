package io.msklambda.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * One field's value as the parser found it, before any rule is applied: its token, and for a string or a number its
 * text (quoted as written in a reject's detail) and, for a number, its value.
 *
 * @param token  what the value is; {@link JsonToken#START_OBJECT} or {@link JsonToken#START_ARRAY} for a container,
 *               which is skipped
 * @param text   the string, or the number as written; null for anything else
 * @param number the number as a double (a whole number too); 0 for anything else
 * @param whole  a whole number as a long, {@link Long#MAX_VALUE} when it does not fit one; 0 for anything else
 */
record JsonScalar(JsonToken token, String text, double number, long whole) {

    /** Reads the value the parser is on, skipping it whole when it is an object or an array. */
    static JsonScalar read(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        return switch (token) {
            case VALUE_STRING -> new JsonScalar(token, json.getText(), 0, 0);
            case VALUE_NUMBER_INT ->
                json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new JsonScalar(token, json.getText(), json.getDoubleValue(), Long.MAX_VALUE)
                        : new JsonScalar(token, json.getText(), json.getDoubleValue(), json.getLongValue());
            case VALUE_NUMBER_FLOAT -> new JsonScalar(token, json.getText(), json.getDoubleValue(), 0);
            default -> {
                json.skipChildren();
                yield new JsonScalar(token, null, 0, 0);
            }
        };
    }

    boolean isNull() {
        return token == JsonToken.VALUE_NULL;
    }

    /** What a token is, in the words of a reject's detail ("found a string"). */
    static String describe(JsonToken token) {
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
}
