package io.msklambda.local.trigger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Writes the JSON the MSK trigger (the Lambda event source mapping) sends to a function:
 * {@code eventSource} {@code aws:kafka} with its {@code eventSourceArn} (or {@code SelfManagedKafka} without),
 * {@code bootstrapServers}, and {@code records} grouped under {@code "<topic>-<partition>"} in offset order.
 * Each record carries base64 {@code key} (left out when null) and {@code value}, its timestamp and type, and
 * {@code headers} as a list of one-entry maps whose byte values are JSON arrays of signed bytes (Java's
 * {@code byte}, so 0xE9 is -23), as the real trigger writes them.
 */
public final class MskEventJson {

    public static final String MSK_SOURCE = "aws:kafka";
    public static final String SELF_MANAGED_SOURCE = "SelfManagedKafka";

    private static final JsonFactory JSON = new JsonFactory();

    private final String eventSource;
    private final String eventSourceArn;
    private final String bootstrapServers;

    /** @param eventSourceArn the cluster's ARN; null for a self-managed cluster */
    public MskEventJson(String eventSourceArn, String bootstrapServers) {
        this.eventSource = eventSourceArn == null ? SELF_MANAGED_SOURCE : MSK_SOURCE;
        this.eventSourceArn = eventSourceArn;
        this.bootstrapServers = bootstrapServers;
    }

    public byte[] write(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<ConsumerRecord<byte[], byte[]>>> groups = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            groups.computeIfAbsent(record.topic() + "-" + record.partition(), k -> new java.util.ArrayList<>())
                    .add(record);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + records.size() * 200);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("eventSource", eventSource);
            if (eventSourceArn != null) {
                json.writeStringField("eventSourceArn", eventSourceArn);
            }
            json.writeStringField("bootstrapServers", bootstrapServers);
            json.writeObjectFieldStart("records");
            for (Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> group : groups.entrySet()) {
                json.writeArrayFieldStart(group.getKey());
                for (ConsumerRecord<byte[], byte[]> record : group.getValue()) {
                    writeRecord(json, record);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** About how many bytes a record takes in the event: for the trigger's payload limit. */
    public static long sizeInEvent(ConsumerRecord<byte[], byte[]> record) {
        long size = 160 + record.topic().length() + base64Length(record.key()) + base64Length(record.value());
        for (Header header : record.headers()) {
            size += header.key().length() + 8 + (header.value() == null ? 0 : 5L * header.value().length);
        }
        return size;
    }

    private static long base64Length(byte[] bytes) {
        return bytes == null ? 0 : (bytes.length + 2L) / 3 * 4;
    }

    private static void writeRecord(JsonGenerator json, ConsumerRecord<byte[], byte[]> record) throws IOException {
        json.writeStartObject();
        json.writeStringField("topic", record.topic());
        json.writeNumberField("partition", record.partition());
        json.writeNumberField("offset", record.offset());
        json.writeNumberField("timestamp", record.timestamp());
        // the enum's name, as the trigger writes it (CREATE_TIME), not Kafka's display name (CreateTime)
        json.writeStringField("timestampType", record.timestampType().name());
        if (record.key() != null) {
            json.writeStringField("key", Base64.getEncoder().encodeToString(record.key()));
        }
        if (record.value() == null) {
            json.writeNullField("value");
        } else {
            json.writeStringField("value", Base64.getEncoder().encodeToString(record.value()));
        }
        json.writeArrayFieldStart("headers");
        for (Header header : record.headers()) {
            json.writeStartObject();
            json.writeArrayFieldStart(header.key());
            for (byte b : header.value() == null ? new byte[0] : header.value()) {
                json.writeNumber(b); // signed, as Java's byte is
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
