package io.msklambda.local.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** How many records an invocation record stands for, read back from a destination. */
final class BatchSize {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchSize() {}

    /** Its {@code KafkaBatchInfo.batchSize}. */
    static long of(String invocationRecord) {
        JsonNode size;
        try {
            size = JSON.readTree(invocationRecord).path("KafkaBatchInfo").path("batchSize");
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + abbreviate(invocationRecord), e);
        }
        if (!size.canConvertToLong()) {
            throw new IllegalArgumentException(
                    "not an invocation record (no KafkaBatchInfo.batchSize): " + abbreviate(invocationRecord));
        }
        return size.asLong();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
