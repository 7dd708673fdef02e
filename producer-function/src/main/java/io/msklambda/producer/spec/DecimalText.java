package io.msklambda.producer.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes {@code unscaled × 10^-scale} in plain decimal form, always with {@code scale} decimals ({@code 27.4},
 * {@code -0.5}, {@code 31}): the same digits on every JDK, unlike {@code Double.toString}, whose output changed in
 * JDK 19. Keeps one buffer; one per field.
 */
final class DecimalText {

    private static final double[] POWERS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    static final int MAX_DECIMALS = POWERS.length - 1;

    private final char[] buffer = new char[24];
    private final int scale;
    private final double power;

    DecimalText(int scale) {
        this.scale = scale;
        this.power = POWERS[scale];
    }

    /** The largest whole number a double holds exactly, and so the largest unscaled value written. */
    static final double EXACT = 0x1p53;

    /**
     * Refuses a range whose values, times 10^decimals, a double cannot hold exactly (or a long not at all): {@code
     * max - min} must be finite and {@code max(|min|, |max|) × 10^decimals ≤ 2^53}. The error is at whichever bound
     * is larger in magnitude.
     */
    static void requireExact(SpecNode minNode, SpecNode maxNode, int decimals) {
        double min = minNode.node().doubleValue();
        double max = maxNode.node().doubleValue();
        SpecNode larger = Math.abs(min) > Math.abs(max) ? minNode : maxNode;
        if (!Double.isFinite(max - min) || Math.max(Math.abs(min), Math.abs(max)) * POWERS[decimals] > EXACT) {
            throw SpecError.at(
                    larger.pointer(),
                    larger.node(),
                    "a bound whose magnitude times 10^decimals (" + decimals + ") is at most 2^53 (" + (long) EXACT
                            + "), so every value written has exact digits");
        }
    }

    /** {@code value} rounded half up to the scale, as a long count of its last decimal. */
    long unscaled(double value) {
        return Math.round(value * power);
    }

    void write(JsonGenerator json, long unscaled) throws IOException {
        int length = format(unscaled);
        json.writeNumber(buffer, buffer.length - length, length);
    }

    String text(long unscaled) {
        int length = format(unscaled);
        return new String(buffer, buffer.length - length, length);
    }

    /** Fills the buffer's end; returns the length. */
    private int format(long unscaled) {
        long rest = Math.abs(unscaled);
        int at = buffer.length;
        for (int digits = 0; digits < scale || rest > 0 || digits <= scale; digits++) {
            if (digits == scale && scale > 0) {
                buffer[--at] = '.';
            }
            buffer[--at] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        if (unscaled < 0) {
            buffer[--at] = '-';
        }
        return buffer.length - at;
    }
}
