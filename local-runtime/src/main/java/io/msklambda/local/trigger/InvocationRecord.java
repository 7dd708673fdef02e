package io.msklambda.local.trigger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The invocation record a Kafka mapping sends to its on-failure destination, in the shapes AWS documents: metadata
 * with the batch's offsets per partition for SQS and SNS, the same with the event as an escaped JSON string for S3
 * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html), and one message per record with the record
 * inside for a Kafka topic (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html).
 */
public final class InvocationRecord {

    private static final JsonFactory JSON = new JsonFactory();

    private final String functionArn;
    private final String eventSourceArn;
    private final String bootstrapServers;
    private final MskEventJson events;

    public InvocationRecord(String functionArn, String eventSourceArn, String bootstrapServers) {
        this.functionArn = functionArn;
        this.eventSourceArn = eventSourceArn;
        this.bootstrapServers = bootstrapServers;
        this.events = new MskEventJson(eventSourceArn, bootstrapServers);
    }

    /** For SQS and SNS: what failed, where, and the first and last offset of each partition. */
    public byte[] metadata(FailedBatch failed) {
        return write(failed, failed.records(), false, false);
    }

    /** For S3: the metadata and the event itself, as an escaped JSON string. */
    public byte[] withPayload(FailedBatch failed) {
        return write(failed, failed.records(), true, false);
    }

    /** For a Kafka topic: one record's failure, with the record inside as a one-record event. */
    public byte[] forRecord(FailedBatch failed, ConsumerRecord<byte[], byte[]> record) {
        return write(failed, List.of(record), false, true);
    }

    private byte[] write(
            FailedBatch failed,
            List<ConsumerRecord<byte[], byte[]>> records,
            boolean payloadString,
            boolean payloadObject) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        byte[] event = events.write(records);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            requestContext(json, failed);
            responseContext(json, failed);
            json.writeStringField("version", "1.0");
            json.writeStringField("timestamp", failed.timestamp().toString());
            json.writeObjectFieldStart("KafkaBatchInfo");
            json.writeNumberField("batchSize", records.size());
            if (eventSourceArn != null) {
                json.writeStringField("eventSourceArn", eventSourceArn);
            }
            json.writeStringField("bootstrapServers", bootstrapServers);
            json.writeNumberField("payloadSize", event.length);
            if (payloadObject) {
                json.writeObjectFieldStart("recordInfo");
                json.writeStringField("offset", Long.toString(records.get(0).offset()));
                json.writeStringField(
                        "timestamp",
                        Instant.ofEpochMilli(records.get(0).timestamp()).toString());
                json.writeEndObject();
            } else {
                recordsInfo(json, records);
            }
            json.writeEndObject();
            if (payloadString) {
                json.writeStringField("payload", new String(event, java.nio.charset.StandardCharsets.UTF_8));
            } else if (payloadObject) {
                json.writeFieldName("payload");
                json.writeRawValue(new String(event, java.nio.charset.StandardCharsets.UTF_8));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void requestContext(JsonGenerator json, FailedBatch failed) throws IOException {
        json.writeObjectFieldStart("requestContext");
        if (failed.requestId() != null) {
            json.writeStringField("requestId", failed.requestId());
        }
        json.writeStringField("functionArn", functionArn);
        json.writeStringField("condition", failed.condition().name());
        json.writeNumberField("approximateInvokeCount", failed.approximateInvokeCount());
        json.writeEndObject();
    }

    /** Null for records that were never invoked, as for a batch too big to send. */
    private static void responseContext(JsonGenerator json, FailedBatch failed) throws IOException {
        if (failed.functionError() == null) {
            json.writeNullField("responseContext");
            return;
        }
        json.writeObjectFieldStart("responseContext");
        json.writeNumberField("statusCode", 200);
        json.writeStringField("executedVersion", "$LATEST");
        json.writeStringField("functionError", failed.functionError());
        json.writeEndObject();
    }

    private static void recordsInfo(JsonGenerator json, List<ConsumerRecord<byte[], byte[]>> records)
            throws IOException {
        Map<String, ConsumerRecord<byte[], byte[]>[]> ranges = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            @SuppressWarnings("unchecked")
            ConsumerRecord<byte[], byte[]>[] range = ranges.computeIfAbsent(
                    record.topic() + "-" + record.partition(), key -> new ConsumerRecord[] {record, record});
            if (record.offset() < range[0].offset()) {
                range[0] = record;
            }
            if (record.offset() > range[1].offset()) {
                range[1] = record;
            }
        }
        json.writeObjectFieldStart("recordsInfo");
        for (Map.Entry<String, ConsumerRecord<byte[], byte[]>[]> range : ranges.entrySet()) {
            json.writeObjectFieldStart(range.getKey());
            json.writeStringField("firstRecordOffset", Long.toString(range.getValue()[0].offset()));
            json.writeStringField("lastRecordOffset", Long.toString(range.getValue()[1].offset()));
            json.writeStringField(
                    "firstRecordTimestamp",
                    Instant.ofEpochMilli(range.getValue()[0].timestamp()).toString());
            json.writeStringField(
                    "lastRecordTimestamp",
                    Instant.ofEpochMilli(range.getValue()[1].timestamp()).toString());
            json.writeEndObject();
        }
        json.writeEndObject();
    }
}
