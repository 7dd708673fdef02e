package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The generator pattern of shared-model's {@code JsonCodec}: one Jackson generator for the writer's life, one root
 * value per record with nothing between them, into a reused buffer; compact bytes.
 */
final class JsonOutput {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonOutput() {}

    static JsonGenerator generator(ByteArrayBuilder target) {
        try {
            JsonGenerator generator = FACTORY.createGenerator(target);
            generator.setRootValueSeparator(null);
            return generator;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the target is memory
        }
    }

    /** The value {@code generator} has written, which leaves {@code target} empty for the next. */
    static byte[] drain(JsonGenerator generator, ByteArrayBuilder target) {
        try {
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the target is memory
        }
        byte[] bytes = target.toByteArray();
        target.reset();
        return bytes;
    }
}
