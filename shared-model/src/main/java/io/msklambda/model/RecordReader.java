package io.msklambda.model;

import static io.msklambda.model.RejectReason.NOT_JSON;
import static io.msklambda.model.RejectReason.NOT_UTF8;
import static io.msklambda.model.RejectReason.UNKNOWN_SHAPE;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads a record value into an {@link Event} and turns every problem into a {@link DecodeResult.Rejected}. What it
 * accepts beyond what our producer writes: unknown extra fields (ignored), fields in any order, {@code items} as an
 * array or as a JSON string holding one, {@code device_id} as a number or a string of digits, timestamps in every
 * form {@link EventTimes} reads, and epoch milliseconds. The shape is telemetry when {@code device_id} is present
 * ({@link TelemetryReader}), an order when {@code order_id} is ({@link OrderReader}); the rules both share are in
 * {@link FieldChecks}.
 *
 * <p>Why Jackson's streaming parser and not its tree ({@code ObjectMapper.readTree}, then the same checks on the
 * nodes), measured on 2026-12-01 with {@code RecordReaderBenchmark} (benchmarks module: the 500 values of
 * {@code ConsumerCpuBenchmark}'s mixed batch, on a shared 2-core machine): the tree reads 15 % to 34 % fewer records a
 * second and allocates 160 to 215 B more a record (three forks at load average 1.1: 2.10 million a second and 1,531 B
 * against 2.48 million and 1,359 B; three single-fork rounds alternating the two at load 1.9 to 4.5: 1.68 to 1.88
 * million against 2.37 to 2.55 million). The tree also needs jackson-databind, about 1.8 MB more in the consumer jar,
 * which would take it over its budget (9.85 MB of 10.35 MB, {@code JarBudgetIT}); and it keeps numbers as values,
 * not as written, so a reject could no longer quote the number the producer sent. The parsing proper is small (the
 * loop below, {@link JsonScalar#read}, {@link OrderItemsReader}); the rules are the same either way.
 */
final class RecordReader {

    private RecordReader() {}

    static DecodeResult read(byte[] value) {
        if (!isUtf8(value)) {
            return DecodeResult.rejected(NOT_UTF8, "the value is not valid UTF-8 (" + value.length + " bytes)");
        }
        TelemetryReader telemetry = new TelemetryReader();
        OrderReader order = new OrderReader();
        /* Every field name in order of appearance, repeats included: only a reject lists them (sorted, once). */
        List<String> names = new ArrayList<>(8);
        try (JsonParser json = JsonCodec.parser(value)) {
            JsonToken first = json.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return DecodeResult.rejected(NOT_JSON, "expected a JSON object, found " + JsonScalar.describe(first));
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                names.add(name);
                if (!telemetry.read(name, json) && !order.read(name, json)) {
                    json.skipChildren();
                }
            }
            if (json.nextToken() != null) {
                return DecodeResult.rejected(NOT_JSON, "content after the JSON object");
            }
        } catch (IOException e) {
            return notJson(e);
        }
        if (telemetry.isThisShape()) {
            return telemetry.result();
        }
        if (order.isThisShape()) {
            return order.result();
        }
        return DecodeResult.rejected(
                UNKNOWN_SHAPE,
                FieldChecks.clip("neither device_id nor order_id; fields: " + String.join(", ", new TreeSet<>(names))));
    }

    static boolean isUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                try {
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes));
                    return true;
                } catch (CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true; // plain ASCII, the common case
    }

    /** A record Jackson could not read, with Jackson's own words (without its location, which names our buffer). */
    static DecodeResult.Rejected notJson(IOException e) {
        String message = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
        return DecodeResult.rejected(NOT_JSON, FieldChecks.clip(String.valueOf(message)));
    }
}
