package io.msklambda.local.trigger;

import java.util.SplittableRandom;

/**
 * The redelivery fault: after every {@code every} successful batches of a poller, its partitions move back by a random
 * part of a batch, so that committed records come again in batches with other boundaries, as the real trigger may
 * deliver them. One per poller (a {@link SplittableRandom} is not to be shared).
 */
final class Redelivery {

    private final int every;
    private final SplittableRandom random;
    private long batches;

    /** @param every 0 for never */
    Redelivery(int every, long seed) {
        this.every = every;
        this.random = new SplittableRandom(seed);
    }

    /** Counts a successful batch; true when it is time to move back. */
    boolean due() {
        batches++;
        return every > 0 && batches % every == 0;
    }

    /** How far to move a partition back after a batch of {@code lastBatchSize}: 1 to that size. */
    long stepBack(int lastBatchSize) {
        return 1 + random.nextInt(Math.max(1, lastBatchSize));
    }
}
