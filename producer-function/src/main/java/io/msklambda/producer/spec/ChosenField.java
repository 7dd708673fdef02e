package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * A field whose record value is one of strings fixed at init ({@code $choice}, {@code $pick}, a pooled
 * {@code $faker}), pre-encoded, so that a record costs the draw of an index.
 */
abstract class ChosenField extends Field {

    final SerializedString[] choices;
    /** The record's choice, set by {@link #draw}. */
    int chosen;

    ChosenField(SerializedString[] choices) {
        this.choices = choices;
    }

    @Override
    final void write(JsonGenerator json) throws IOException {
        json.writeString(choices[chosen]);
    }

    @Override
    final boolean hasText() {
        return true;
    }

    @Override
    final String text() {
        return choices[chosen].getValue();
    }
}
