package io.msklambda.producer;

import io.msklambda.model.ItemsFormat;
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
    private final int users;
    private final OrderWriter writer;
    private final int[] products = new int[MAX_LINES];
    private final int[] quantities = new int[MAX_LINES];
    private RandomGenerator random;

    OrderGenerator(String topic, ItemsFormat itemsFormat, UserPool users, RandomGenerator random) {
        this.topic = topic;
        this.users = users.size();
        this.writer = new OrderWriter(itemsFormat, users);
        this.random = random;
    }

    /** The draws in the order the golden streams fix: lines, each line's product and quantity, the id, the user. */
    @Override
    public ProducerRecord<byte[], byte[]> next(Shard shard, long nowMillis) {
        int lines = 1 + random.nextInt(MAX_LINES);
        for (int i = 0; i < lines; i++) {
            products[i] = product();
            quantities[i] = 1 + random.nextInt(MAX_QUANTITY);
        }
        // a version-4 (random) UUID from this environment's stream, not from a shared SecureRandom
        writer.orderId(
                (random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
        int user = 1 + random.nextInt(users);
        return new ProducerRecord<>(topic, writer.key(), writer.value(nowMillis, user, products, quantities, lines));
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
}
