package io.msklambda.model;

/**
 * A configuration value that cannot be used. The message names the variable, the value and what is
 * allowed, because it is what a user sees when a function fails at init.
 */
public final class InvalidConfigException extends IllegalArgumentException {

    private final String variable;

    public InvalidConfigException(String variable, String value, String allowed) {
        this(
                variable,
                value == null
                        ? variable + " is required: " + allowed
                        : variable + "='" + value + "' is not allowed: " + allowed);
    }

    private InvalidConfigException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    /**
     * The same for a value that may be a secret (a password, a JAAS configuration with credentials in it): the
     * message names the variable and what is allowed, and says that the value is left out. An init error is
     * printed to the function's log, where a secret must never appear.
     */
    public static InvalidConfigException valueNotShown(String variable, String allowed) {
        return new InvalidConfigException(
                variable, variable + " is not allowed (its value is not shown, as it may hold a secret): " + allowed);
    }

    /**
     * The same for one place inside a structured value (a JSON document in a variable): the message names the
     * variable, the place, what was found there and what is allowed, {@code PAYLOAD_SPEC /fields/a/$int/max: 1 is not
     * allowed: a number not below min (5)}; with nothing found, {@code PAYLOAD_SPEC /name: required: ...}.
     */
    public static InvalidConfigException at(String variable, String location, String found, String allowed) {
        return new InvalidConfigException(
                variable,
                variable + " " + location + ": " + (found == null ? "" : found + " is not allowed: ") + allowed);
    }

    /** The name of the offending variable. */
    public String variable() {
        return variable;
    }
}
