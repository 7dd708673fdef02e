package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.msklambda.model.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code $asString <field>}: the field's JSON written as a JSON string ({@code ORDER_ITEMS_FORMAT=string}, for
 * Athena's MSK connector, which cannot read arrays), by a generator and buffer of its own.
 */
final class AsStringField extends Field {

    private final Field inner;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(128);
    private final JsonGenerator json = JsonCodec.generator(buffer);

    AsStringField(Field inner) {
        this.inner = inner;
    }

    @Override
    void draw(Draw draw) {
        inner.draw(draw);
    }

    @Override
    void children(java.util.function.Consumer<Field> visit) {
        visit.accept(inner);
    }

    @Override
    void write(JsonGenerator out) throws IOException {
        out.writeString(text());
    }

    @Override
    boolean hasText() {
        return true;
    }

    @Override
    String text() {
        try {
            inner.write(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen: the target is memory
        }
        return new String(JsonCodec.drain(json, buffer), StandardCharsets.UTF_8);
    }
}
