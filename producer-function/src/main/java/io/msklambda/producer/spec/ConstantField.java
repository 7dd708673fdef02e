package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** A number, boolean, null, string or array of them, written as the spec has it. */
final class ConstantField extends Field {

    private final SerializedString string;
    private final String raw;
    private final String text;
    private final JsonNode value;

    ConstantField(JsonNode value) {
        this.value = value;
        this.string = value.isTextual() ? new SerializedString(value.textValue()) : null;
        this.raw = value.toString();
        this.text = value.isTextual() ? value.textValue() : raw;
    }

    @Override
    void write(JsonGenerator json) throws IOException {
        if (string != null) {
            json.writeString(string);
        } else {
            json.writeRawValue(raw);
        }
    }

    /** The constant as the spec has it. */
    JsonNode value() {
        return value;
    }

    /** A string, number or boolean: an array or null has no text a key could be. */
    @Override
    boolean hasText() {
        return value.isValueNode() && !value.isNull();
    }

    @Override
    String text() {
        return text;
    }
}
