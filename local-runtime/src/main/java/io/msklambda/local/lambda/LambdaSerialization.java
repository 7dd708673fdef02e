package io.msklambda.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Events in and results out exactly as the Lambda Java runtime handles them: through
 * aws-lambda-java-serialization, with its mixins (a ScheduledEvent's {@code detail-type}) and its own Jackson,
 * never through a Java object built by hand.
 */
public final class LambdaSerialization {

    private LambdaSerialization() {}

    public static <T> T fromJson(byte[] json, Class<T> type) {
        return serializer(type).fromJson(new ByteArrayInputStream(json));
    }

    public static <T> T fromJson(Path file, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            return serializer(type).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static <T> String toJson(T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer((Class<T>) value.getClass()).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, type.getClassLoader());
    }
}
