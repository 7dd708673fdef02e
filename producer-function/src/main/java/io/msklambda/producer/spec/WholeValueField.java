package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A field whose record value is a whole number ({@code $int}, {@code $sequence}). */
abstract class WholeValueField extends Field {

    /** The record's value, set by {@link #draw}. */
    long value;

    @Override
    final void write(JsonGenerator json) throws IOException {
        json.writeNumber(value);
    }

    @Override
    final boolean hasText() {
        return true;
    }

    @Override
    final String text() {
        return Long.toString(value);
    }
}
