package io.msklambda.local.stack;

/**
 * The one shape of a bad option's message: the option, the value, and what is allowed. It lives with the stack, the
 * lowest package the commands share, so that {@link Services} checks its options the way every command does.
 */
public final class OptionCheck {

    private OptionCheck() {}

    /** @throws IllegalArgumentException {@code "--option value: allowed"} unless {@code ok} */
    public static void require(boolean ok, String option, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(option + " " + value + ": " + allowed);
        }
    }

    public static void range(long value, long min, long max, String option) {
        require(value >= min && value <= max, option, value, "must be " + min + " to " + max);
    }
}
