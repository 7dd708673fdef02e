package io.msklambda.producer;

import io.msklambda.model.ItemsFormat;
import io.msklambda.model.JsonCodec;
import io.msklambda.model.Order;
import io.msklambda.model.OrderItem;
import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Orders from recurring users: 1–4 lines, product 1..9999 with a skew towards low numbers (a few products sell
 * most, so "top products" queries downstream have an answer), quantity 1..10, a random version-4 UUID as id.
 */
final class OrderGenerator implements RecordGenerator {

    static final int MAX_LINES = 4;
    static final int MAX_PRODUCT = 9_999;
    static final int MAX_QUANTITY = 10;

    private final String topic;
    private final ItemsFormat itemsFormat;
    private final UserPool users;
    private final JsonCodec codec = new JsonCodec();
    private RandomGenerator random;

    OrderGenerator(String topic, ItemsFormat itemsFormat, UserPool users, RandomGenerator random) {
        this.topic = topic;
        this.itemsFormat = itemsFormat;
        this.users = users;
        this.random = random;
    }

    @Override
    public ProducerRecord<byte[], byte[]> next(Shard shard, long nowMillis) {
        Order order = order(nowMillis);
        return new ProducerRecord<>(topic, codec.key(order), codec.encode(order, itemsFormat));
    }

    Order order(long nowMillis) {
        int lines = 1 + random.nextInt(MAX_LINES);
        OrderItem[] items = new OrderItem[lines];
        for (int i = 0; i < lines; i++) {
            items[i] = new OrderItem(product(), 1 + random.nextInt(MAX_QUANTITY));
        }
        return new Order(
                uuid().toString(),
                Instant.ofEpochMilli(nowMillis),
                users.id(1 + random.nextInt(users.size())),
                java.util.List.of(items));
    }

    @Override
    public void reseed(RandomGenerator random) {
        this.random = random;
    }

    /** Cubing a uniform draw skews it towards 0: product 1 sells far more than product 9999. */
    private int product() {
        double u = random.nextDouble();
        return 1 + (int) (u * u * u * MAX_PRODUCT);
    }

    /** A version-4 (random) UUID from this environment's stream, not from a shared SecureRandom. */
    private UUID uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
