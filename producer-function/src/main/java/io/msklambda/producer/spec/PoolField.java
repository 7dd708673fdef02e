package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * One of a pool of strings made at init, {@code pool[nextInt(size)]}: {@code $pick "poolName"} and a pooled
 * {@code $faker}. Datafaker runs only when the pool is made; a record costs one draw.
 */
final class PoolField extends Field {

    private final SerializedString[] pool;
    private int chosen;

    PoolField(String[] values) {
        this.pool = new SerializedString[values.length];
        for (int i = 0; i < values.length; i++) {
            pool[i] = new SerializedString(values[i]);
        }
    }

    @Override
    void draw(Draw draw) {
        chosen = pool.length == 1 ? 0 : draw.random.nextInt(pool.length);
    }

    @Override
    void write(JsonGenerator json) throws IOException {
        json.writeString(pool[chosen]);
    }

    @Override
    boolean hasText() {
        return true;
    }

    @Override
    String text() {
        return pool[chosen].getValue();
    }
}
