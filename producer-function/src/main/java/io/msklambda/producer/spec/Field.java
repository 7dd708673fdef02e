package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One field of a compiled spec: it draws its value for a record (phase 1, in the spec's draw order) and keeps it in
 * its own typed state, then writes it (phase 2, in document order). No map, no boxing per record.
 */
abstract class Field {

    /** Phase 1: draws this record's value. Fields that draw nothing (constants, references) keep the default. */
    void draw(Draw draw) {}

    /** Phase 2: writes the value drawn last. */
    abstract void write(JsonGenerator json) throws IOException;

    /** The fields this one writes (an object's members, an array's elements, a reference's target). */
    void children(java.util.function.Consumer<Field> visit) {}

    /** Whether {@link #text} gives the value as text (for a {@code $text} key). */
    boolean hasText() {
        return false;
    }

    /** The value drawn last as text; only when {@link #hasText}. */
    String text() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no text form");
    }
}
