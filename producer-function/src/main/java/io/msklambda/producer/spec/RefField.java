package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** {@code $ref "/pointer"}: the value another field drew for this record, written again (e.g. in the key). */
final class RefField extends Field {

    private Field target;

    void target(Field target) {
        this.target = target;
    }

    /** The field this one writes again, once linked. */
    Field target() {
        return target;
    }

    @Override
    void children(java.util.function.Consumer<Field> visit) {
        visit.accept(target);
    }

    @Override
    void write(JsonGenerator json) throws IOException {
        target.write(json);
    }

    @Override
    boolean hasText() {
        return target.hasText();
    }

    @Override
    String text() {
        return target.text();
    }
}
