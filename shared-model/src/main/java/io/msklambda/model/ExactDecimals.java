package io.msklambda.model;

import java.math.BigDecimal;

/**
 * {@link BigDecimal#valueOf(double)} (the shortest decimal that reads back as the double, with its scale), remembered
 * for the doubles seen last. Readings repeat: a sensor's temperatures in tenths of a degree take a few hundred values,
 * while {@code valueOf} formats the double as text and parses it again, the costliest step of aggregating a reading.
 * The answer for a double is always the same immutable value, so remembering it changes nothing but the cost.
 *
 * <p>A fixed table, one entry per slot, shared by all threads: an entry is immutable and its fields final, so a thread
 * sees a whole entry or another one, never half of one; at worst a value is computed twice.
 */
public final class ExactDecimals {

    private static final int SLOTS = 1024;
    private static final Entry[] TABLE = new Entry[SLOTS];

    /** A double, its decimal, and the scale of that decimal without trailing zeros. */
    private record Entry(long bits, BigDecimal decimal, int strippedScale) {}

    private ExactDecimals() {}

    /** Exactly {@code BigDecimal.valueOf(value)}. */
    public static BigDecimal of(double value) {
        return entry(value).decimal();
    }

    /** Exactly {@code BigDecimal.valueOf(value).stripTrailingZeros().scale()}. */
    static int strippedScale(double value) {
        return entry(value).strippedScale();
    }

    private static Entry entry(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int slot = (int) ((bits ^ (bits >>> 32)) * 0x9E3779B97F4A7C15L >>> 54); // 10 bits: SLOTS
        Entry entry = TABLE[slot];
        if (entry == null || entry.bits() != bits) {
            BigDecimal decimal = BigDecimal.valueOf(value);
            entry = new Entry(bits, decimal, decimal.stripTrailingZeros().scale());
            TABLE[slot] = entry;
        }
        return entry;
    }
}
