package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A field whose value is a decimal drawn as a double ({@code $decimal}, {@code $walk}): kept as the whole number of
 * its last decimal, written with exactly {@code decimals} of them through {@link DecimalText}, never through
 * {@code Double.toString}.
 */
abstract class DecimalValueField extends Field {

    private final DecimalText text;
    private long unscaled;

    DecimalValueField(int decimals) {
        this.text = new DecimalText(decimals);
    }

    /** The record's value, rounded to the field's decimals. */
    final void set(double value) {
        unscaled = text.unscaled(value);
    }

    @Override
    final void write(JsonGenerator json) throws IOException {
        text.write(json, unscaled);
    }

    @Override
    final boolean hasText() {
        return true;
    }

    @Override
    final String text() {
        return text.text(unscaled);
    }
}
