package io.msklambda.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON codec for the topic's records: writes exactly the wire format of README.md ("Wire format") and reads every
 * variant producers in the field write (see {@link RecordReader}).
 *
 * <p>Writing uses Jackson's streaming generator into a reused buffer: a producer writes hundreds of
 * thousands of records a second, so no tree or reflection is involved. An instance keeps that buffer and
 * is not thread-safe; create one per thread. Reading is static and thread-safe.
 */
public final class JsonCodec {

    static final JsonFactory FACTORY = JsonFactory.builder()
            // Python's json.dumps writes NaN and Infinity literally; read them so that they are rejected as
            // non-finite numbers rather than as broken JSON.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // Jackson's bundled FastDoubleParser: the same correctly rounded double as Double.parseDouble, faster.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);
    private final ByteArrayBuilder itemsBuffer = new ByteArrayBuilder(128);
    /**
     * One generator for the instance's life, writing one root value per record, nothing between them: a generator per
     * record cost more than the record's own fields (GeneratorBenchmark, BENCHMARKS.md).
     */
    private final JsonGenerator json = generator(buffer);

    private final JsonGenerator itemsJson = generator(itemsBuffer);
    private final EventTimes.CachingFormatter orderedAt = new EventTimes.CachingFormatter(EventTimes.ORDERED_AT);
    private final EventTimes.CachingFormatter telemetryTime = new EventTimes.CachingFormatter(EventTimes.TELEMETRY);

    /** {@code {"order_id":…,"ordered_at":…,"user_id":…,"items":…}} with items as an array or a JSON string. */
    public byte[] encode(Order order, ItemsFormat itemsFormat) {
        // items as text: a JSON string holding the array, written by a generator and buffer of their own
        String itemsText = itemsFormat == ItemsFormat.ARRAY ? null : itemsAsText(order);
        try {
            json.writeStartObject();
            json.writeStringField("order_id", order.orderId());
            json.writeStringField("ordered_at", orderedAt.format(order.orderedAt()));
            json.writeStringField("user_id", order.userId());
            json.writeFieldName("items");
            if (itemsFormat == ItemsFormat.ARRAY) {
                writeItems(json, order);
            } else {
                json.writeString(itemsText);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the target is memory
        }
        return drain(json, buffer);
    }

    /** {@code {"device_id":…,"timestamp":…,"temperature":…}}. */
    public byte[] encode(Telemetry telemetry) {
        try {
            json.writeStartObject();
            json.writeNumberField("device_id", telemetry.deviceId());
            json.writeStringField("timestamp", telemetryTime.format(telemetry.timestamp()));
            json.writeNumberField("temperature", telemetry.temperature());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drain(json, buffer);
    }

    /** The Kafka key of an order: {@code {"order_id":"…"}}. */
    public byte[] key(Order order) {
        try {
            json.writeStartObject();
            json.writeStringField("order_id", order.orderId());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drain(json, buffer);
    }

    /** The Kafka key of a reading: the device id as text, so that one device stays on one partition. */
    public byte[] key(Telemetry telemetry) {
        return Integer.toString(telemetry.deviceId()).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads one record's value. Never throws for bad input: every problem becomes a
     * {@link DecodeResult.Rejected} with its reason.
     */
    public static DecodeResult decode(byte[] value) {
        return RecordReader.read(value);
    }

    private String itemsAsText(Order order) {
        try {
            writeItems(itemsJson, order);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the target is memory
        }
        return new String(drain(itemsJson, itemsBuffer), StandardCharsets.UTF_8);
    }

    private static void writeItems(JsonGenerator json, Order order) throws IOException {
        json.writeStartArray();
        for (OrderItem item : order.items()) {
            json.writeStartObject();
            json.writeNumberField("product_id", item.productId());
            json.writeNumberField("quantity", item.quantity());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * A generator for one root value after another into {@code target}, with nothing between them, compact: what this
     * codec writes records with, and the producer's record specs too.
     */
    public static JsonGenerator generator(ByteArrayBuilder target) {
        try {
            JsonGenerator generator = FACTORY.createGenerator(target);
            generator.setRootValueSeparator(null);
            return generator;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the target is memory
        }
    }

    /** The record {@code generator} has written, which leaves {@code target} empty for the next. */
    public static byte[] drain(JsonGenerator generator, ByteArrayBuilder target) {
        try {
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the target is memory
        }
        byte[] bytes = target.toByteArray();
        target.reset();
        return bytes;
    }

    static JsonParser parser(byte[] bytes) throws IOException {
        return FACTORY.createParser(bytes);
    }

    static JsonParser parser(String text) throws IOException {
        return FACTORY.createParser(text);
    }
}
