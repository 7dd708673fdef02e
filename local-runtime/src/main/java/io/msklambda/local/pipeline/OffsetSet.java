package io.msklambda.local.pipeline;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * A set of record positions (partition, offset), one bit per offset in chunks of 64 Ki offsets: a million
 * positions take about 128 KB, and offsets far from zero (a long-lived real topic) cost nothing extra.
 */
final class OffsetSet {

    private static final int CHUNK_BITS = 16;
    private static final long CHUNK_MASK = (1L << CHUNK_BITS) - 1;

    private final Map<Integer, Map<Long, BitSet>> partitions = new HashMap<>();
    private long size;

    /** @return false if it was there already */
    synchronized boolean add(int partition, long offset) {
        BitSet chunk = partitions
                .computeIfAbsent(partition, p -> new HashMap<>())
                .computeIfAbsent(offset >>> CHUNK_BITS, c -> new BitSet(1 << CHUNK_BITS));
        int bit = (int) (offset & CHUNK_MASK);
        if (chunk.get(bit)) {
            return false;
        }
        chunk.set(bit);
        size++;
        return true;
    }

    synchronized boolean contains(int partition, long offset) {
        BitSet chunk = partitions.getOrDefault(partition, Map.of()).get(offset >>> CHUNK_BITS);
        return chunk != null && chunk.get((int) (offset & CHUNK_MASK));
    }

    synchronized long size() {
        return size;
    }

    /** Positions here that {@code other} does not have. */
    synchronized long countMissingFrom(OffsetSet other) {
        long missing = 0;
        for (Map.Entry<Integer, Map<Long, BitSet>> partition : partitions.entrySet()) {
            for (Map.Entry<Long, BitSet> chunk : partition.getValue().entrySet()) {
                BitSet bits = chunk.getValue();
                for (int bit = bits.nextSetBit(0); bit >= 0; bit = bits.nextSetBit(bit + 1)) {
                    if (!other.contains(partition.getKey(), (chunk.getKey() << CHUNK_BITS) | bit)) {
                        missing++;
                    }
                }
            }
        }
        return missing;
    }
}
