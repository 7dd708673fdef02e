package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.model.ItemsFormat;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.Order;
import io.msklambda.model.OrderItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The order writer's bytes are the codec's, for any order: its draws, odd user ids, far times, every line count. */
class OrderWriterTest {

    /**
     * Ids the codec must escape or write as UTF-8: a quote, a backslash, control characters, non-ASCII, a character
     * beyond the BMP (a surrogate pair, which the codec escapes) and a lone surrogate.
     */
    private static final List<String> USERS = List.of(
            "lzusb",
            "quo\"te",
            "back\\slash",
            "tab\there",
            "z\u00fcrich",
            "\u65e5\u672c",
            "nul\u0000",
            "a/b",
            "a\uD83D\uDE00b",
            "a\uD800b",
            "line\u2028sep");

    @ParameterizedTest
    @EnumSource(ItemsFormat.class)
    void writesTheCodecsBytesForEveryOrder(ItemsFormat format) {
        OrderWriter writer = new OrderWriter(format, UserPool.of(USERS));
        JsonCodec codec = new JsonCodec();
        SplittableRandom random = new SplittableRandom(5);
        long[] times = {0L, 1L, 1_773_090_300_073L, 1_773_090_300_073L, -1L, 253_402_300_799_999L, 253_402_300_800_000L
        };
        int[] products = new int[OrderGenerator.MAX_LINES];
        int[] quantities = new int[OrderGenerator.MAX_LINES];
        for (int i = 0; i < 2_000; i++) {
            int lines = 1 + i % OrderGenerator.MAX_LINES;
            List<OrderItem> items = new ArrayList<>();
            for (int line = 0; line < lines; line++) {
                // both ends of each range, and every digit count between
                products[line] = i < 8 ? (i % 2 == 0 ? 1 : OrderGenerator.MAX_PRODUCT) : 1 + random.nextInt(9_999);
                quantities[line] = i < 8 ? (i % 2 == 0 ? 1 : OrderGenerator.MAX_QUANTITY) : 1 + random.nextInt(10);
                items.add(new OrderItem(products[line], quantities[line]));
            }
            UUID id = i == 0
                    ? new UUID(0L, 0L)
                    : i == 1 ? new UUID(-1L, -1L) : new UUID(random.nextLong(), random.nextLong());
            long time = times[i % times.length];
            int user = 1 + i % USERS.size();
            Order order = new Order(id.toString(), Instant.ofEpochMilli(time), USERS.get(user - 1), items);

            writer.orderId(id.getMostSignificantBits(), id.getLeastSignificantBits());

            byte[] value = writer.value(time, user, products, quantities, lines);
            assertThat(writer.key()).as(text(codec.key(order))).isEqualTo(codec.key(order));
            assertThat(value)
                    .as("%s%nand the codec's%n%s", text(value), text(codec.encode(order, format)))
                    .isEqualTo(codec.encode(order, format));
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
