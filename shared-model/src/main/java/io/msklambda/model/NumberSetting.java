package io.msklambda.model;

/**
 * A whole-number setting: its variable name, default and allowed range, in one place, so that reading it
 * from the environment and checking a value built in code give the same message.
 */
public record NumberSetting(String name, long defaultValue, long min, long max) {

    public long read(ConfigSource source) {
        return source.number(name, defaultValue, min, max);
    }

    public int readInt(ConfigSource source) {
        return Math.toIntExact(read(source));
    }

    /** Returns {@code value} if allowed, else fails naming this setting. */
    public long check(long value) {
        if (value < min || value > max) {
            throw new InvalidConfigException(name, String.valueOf(value), allowed());
        }
        return value;
    }

    public String allowed() {
        return "a whole number from " + min + " to " + max;
    }
}
