package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * {@code $array {min, max, of}}: {@code min + nextInt(max - min + 1)} elements (no draw when min == max), each drawn
 * from {@code of} in turn. {@code of} is compiled once per possible element, so an element's values stay in typed
 * fields until written.
 */
final class ArrayField extends Field {

    static final int MAX_ELEMENTS = 1_000;

    private final int min;
    private final int max;
    private final Field[] elements;
    private int count;

    private ArrayField(int min, int max, Field[] elements) {
        this.min = min;
        this.max = max;
        this.elements = elements;
    }

    static ArrayField compile(SpecNode args, FieldCompiler compiler) {
        args.object("min", "max", "of");
        int min = args.required("min", "0 to " + MAX_ELEMENTS).asInt(0, MAX_ELEMENTS);
        SpecNode maxNode = args.required("max", "min to " + MAX_ELEMENTS);
        int max = maxNode.asInt(0, MAX_ELEMENTS);
        if (max < min) {
            throw SpecError.at(maxNode.pointer(), maxNode.node(), "a number not below min (" + min + ")");
        }
        SpecNode of = args.required("of", "the field each element is made of");
        Field[] elements = compiler.elements(of, maxNode, Math.max(max, 1));
        return new ArrayField(min, max, elements);
    }

    @Override
    void draw(Draw draw) {
        count = min == max ? min : min + draw.random.nextInt(max - min + 1);
        for (int i = 0; i < count; i++) {
            elements[i].draw(draw);
        }
    }

    @Override
    void children(java.util.function.Consumer<Field> visit) {
        for (Field element : elements) {
            visit.accept(element);
        }
    }

    @Override
    void write(JsonGenerator json) throws IOException {
        json.writeStartArray();
        for (int i = 0; i < count; i++) {
            elements[i].write(json);
        }
        json.writeEndArray();
    }
}
