package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.io.SerializedString;

/**
 * One of a pool of strings made at init, {@code pool[nextInt(size)]}: {@code $pick "poolName"} and a pooled
 * {@code $faker}. Datafaker runs only when the pool is made; a record costs one draw.
 */
final class PoolField extends ChosenField {

    PoolField(String[] values) {
        super(java.util.Arrays.stream(values).map(SerializedString::new).toArray(SerializedString[]::new));
    }

    @Override
    void draw(Draw draw) {
        chosen = choices.length == 1 ? 0 : draw.random.nextInt(choices.length);
    }
}
