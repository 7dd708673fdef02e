package io.msklambda.model;

/**
 * A configuration value that cannot be used. The message names the variable, the value and what is
 * allowed, because it is what a user sees when a function fails at init.
 */
public final class InvalidConfigException extends IllegalArgumentException {

    private final String variable;

    public InvalidConfigException(String variable, String value, String allowed) {
        super(value == null
                ? variable + " is required: " + allowed
                : variable + "='" + value + "' is not allowed: " + allowed);
        this.variable = variable;
    }

    /** The name of the offending variable. */
    public String variable() {
        return variable;
    }
}
