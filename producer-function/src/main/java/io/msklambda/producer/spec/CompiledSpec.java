package io.msklambda.producer.spec;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A compiled spec: the value's root object, the fields in draw order, the key (as the text of a field, or as JSON, or
 * none), the per-key state to seed, the fields by pointer (for {@code observe}) and the seeded named pools (made once).
 */
record CompiledSpec(
        ObjectField value,
        Field[] drawOrder,
        Field key,
        boolean keyIsJson,
        List<Consumer<RandomGenerator>> stateful,
        Map<String, Field> fields,
        Map<String, String[]> seededPools) {}
