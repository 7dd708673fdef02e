package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A field whose record value is a string made per record ({@code $uuid}, an unpooled Datafaker expression). */
abstract class TextValueField extends Field {

    /** The record's value, set by {@link #draw}. */
    String value;

    @Override
    final void write(JsonGenerator json) throws IOException {
        json.writeString(value);
    }

    @Override
    final boolean hasText() {
        return true;
    }

    @Override
    final String text() {
        return value;
    }
}
