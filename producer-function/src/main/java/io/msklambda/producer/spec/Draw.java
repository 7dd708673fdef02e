package io.msklambda.producer.spec;

import io.msklambda.producer.Shard;
import java.util.random.RandomGenerator;

/** What phase 1 of one record draws from: the environment's stream, the invocation's shard and the time. */
final class Draw {
    RandomGenerator random;
    Shard shard = Shard.ALL;
    long nowMillis;
}
