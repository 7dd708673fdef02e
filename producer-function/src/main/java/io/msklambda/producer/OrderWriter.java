package io.msklambda.producer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.msklambda.model.EventTimes;
import io.msklambda.model.ItemsFormat;
import io.msklambda.model.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * One order's value and key as JSON bytes, written from the generator's draws into one exact-size array each: the
 * bytes {@code JsonCodec.encode(Order, ItemsFormat)} and {@code JsonCodec.key(Order)} write for the same order
 * ({@code GeneratedStreamGoldenTest}, {@code OrderWriterTest}), without the model objects, the UUID's string, the
 * generator's state checks and the copy out of its buffer in between.
 *
 * <p>Nothing is escaped per record: the member names and punctuation are constants, and what is text (the user ids,
 * once per pool; the event time, once per millisecond; for items as a string, the items' punctuation, once) is
 * escaped by the codec's own generator ({@link JsonCodec#generator}), so that it is escaped exactly as the codec
 * escapes it; a record adds only its UUID's hex digits and its numbers. Making orders is what costs a full-speed
 * producer its CPU beside the Kafka client's own work (BENCHMARKS.md, "Results and targets").
 */
final class OrderWriter {

    private static final byte[] ORDER_ID = ascii("{\"order_id\":\"");
    private static final byte[] ORDERED_AT = ascii("\",\"ordered_at\":\"");
    private static final byte[] USER_ID = ascii("\",\"user_id\":\"");
    private static final byte[] KEY_END = ascii("\"}");
    private static final byte[] HEX = ascii("0123456789abcdef");
    private static final int UUID_LENGTH = 36;

    /** The items' bytes around each line's two numbers: a JSON array, or that array's text as a JSON string. */
    private record Items(byte[] open, byte[] product, byte[] quantity, byte[] close, byte[] end) {

        static Items of(ItemsFormat format, OrderWriter writer) {
            String product = "{\"product_id\":";
            String quantity = ",\"quantity\":";
            return format == ItemsFormat.ARRAY
                    ? new Items(ascii("\",\"items\":["), ascii(product), ascii(quantity), ascii("}"), ascii("]}"))
                    : new Items(
                            ascii("\",\"items\":\"["),
                            writer.quoted(product),
                            writer.quoted(quantity),
                            ascii("}"),
                            ascii("]\"}"));
        }

        int perLine() {
            return product.length + quantity.length + close.length + 1; // the comma before every line but the first
        }
    }

    private final Items items;
    /** User number n's id, quoted as a JSON string's content, at n - 1. */
    private final byte[][] users;

    /** Where text is quoted: the codec's generator, one for the writer's life. */
    private final ByteArrayBuilder textBuffer = new ByteArrayBuilder(64);

    private final JsonGenerator text = JsonCodec.generator(textBuffer);

    private final byte[] uuid = new byte[UUID_LENGTH];
    /** The event time last written, and its text's bytes (null before the first). */
    private long timeMillis;

    private byte[] time;

    OrderWriter(ItemsFormat format, UserPool pool) {
        this.items = Items.of(format, this);
        this.users = new byte[pool.size()][];
        for (int n = 1; n <= pool.size(); n++) {
            users[n - 1] = quoted(pool.id(n));
        }
    }

    /** Sets the order id the next {@link #key()} and {@link #value} write: a UUID from its two halves. */
    void orderId(long mostSignificant, long leastSignificant) {
        hex(mostSignificant >>> 32, 0, 8);
        uuid[8] = '-';
        hex(mostSignificant >>> 16, 9, 4);
        uuid[13] = '-';
        hex(mostSignificant, 14, 4);
        uuid[18] = '-';
        hex(leastSignificant >>> 48, 19, 4);
        uuid[23] = '-';
        hex(leastSignificant, 24, 12);
    }

    /** {@code {"order_id":"<uuid>"}}. */
    byte[] key() {
        byte[] out = new byte[ORDER_ID.length + UUID_LENGTH + KEY_END.length];
        int at = put(out, 0, ORDER_ID);
        at = put(out, at, uuid);
        put(out, at, KEY_END);
        return out;
    }

    /**
     * The order: the id last set, the time, user number {@code user}, and the first {@code lines} products and
     * quantities. As {@link OrderGenerator} draws them: {@code lines} at least 1, every number positive.
     */
    byte[] value(long orderedAtMillis, int user, int[] products, int[] quantities, int lines) {
        byte[] userId = users[user - 1];
        byte[] orderedAt = time(orderedAtMillis);
        int length = ORDER_ID.length
                + UUID_LENGTH
                + ORDERED_AT.length
                + orderedAt.length
                + USER_ID.length
                + userId.length
                + items.open.length
                + lines * items.perLine()
                - 1
                + items.end.length;
        for (int i = 0; i < lines; i++) {
            length += digits(products[i]) + digits(quantities[i]);
        }
        byte[] out = new byte[length];
        int at = put(out, 0, ORDER_ID);
        at = put(out, at, uuid);
        at = put(out, at, ORDERED_AT);
        at = put(out, at, orderedAt);
        at = put(out, at, USER_ID);
        at = put(out, at, userId);
        at = put(out, at, items.open);
        for (int i = 0; i < lines; i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            at = put(out, at, items.product);
            at = number(out, at, products[i]);
            at = put(out, at, items.quantity);
            at = number(out, at, quantities[i]);
            at = put(out, at, items.close);
        }
        put(out, at, items.end);
        return out;
    }

    private byte[] time(long millis) {
        if (time == null || millis != timeMillis) {
            time = quoted(EventTimes.ORDERED_AT.format(Instant.ofEpochMilli(millis)));
            timeMillis = millis;
        }
        return time;
    }

    private void hex(long bits, int at, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            uuid[i] = HEX[(int) bits & 0xF];
            bits >>>= 4;
        }
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    /** Writes positive {@code n} in decimal at {@code at}; returns the index after it. */
    private static int number(byte[] out, int at, int n) {
        int end = at + digits(n);
        for (int i = end - 1; i >= at; i--) {
            out[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        return end;
    }

    private static int digits(int positive) {
        int digits = 1;
        for (int n = positive; n >= 10; n /= 10) {
            digits++;
        }
        return digits;
    }

    /** {@code text} as the codec writes it inside a JSON string: its generator's bytes without the two quotes. */
    private byte[] quoted(String value) {
        try {
            text.writeString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the target is memory
        }
        byte[] string = JsonCodec.drain(text, textBuffer);
        return Arrays.copyOfRange(string, 1, string.length - 1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
