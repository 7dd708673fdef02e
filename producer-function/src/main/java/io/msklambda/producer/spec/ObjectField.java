package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/** A nested object: its members in the spec's order, names encoded once. */
final class ObjectField extends Field {

    private final SerializedString[] names;
    private final Field[] members;

    ObjectField(SerializedString[] names, Field[] members) {
        this.names = names;
        this.members = members;
    }

    /** Draws the members in document order: used inside arrays and {@code $asString}, where no draw list reaches. */
    @Override
    void draw(Draw draw) {
        for (Field member : members) {
            member.draw(draw);
        }
    }

    @Override
    void children(java.util.function.Consumer<Field> visit) {
        for (Field member : members) {
            visit.accept(member);
        }
    }

    @Override
    void write(JsonGenerator json) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < members.length; i++) {
            json.writeFieldName(names[i]);
            members[i].write(json);
        }
        json.writeEndObject();
    }
}
