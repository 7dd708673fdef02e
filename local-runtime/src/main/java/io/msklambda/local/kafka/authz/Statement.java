package io.msklambda.local.kafka.authz;

import java.util.List;
import java.util.Objects;

/**
 * One statement of an identity-based IAM policy: its effect on the actions it names (or all but those, with
 * {@code NotAction}) over the resources it names (or all but those, with {@code NotResource}). Conditions are not
 * part of it: {@link IamPolicy} refuses a statement that has one, so that nothing is allowed on a condition that
 * was never checked.
 *
 * @param sid         the statement's {@code Sid}, or null when it has none
 * @param index       its position in its policy, from 1: what names it when it has no Sid
 * @param effect      Allow or Deny
 * @param notAction   whether {@code actions} came from {@code NotAction}
 * @param actions     the action patterns, at least one
 * @param notResource whether {@code resources} came from {@code NotResource}
 * @param resources   the resource patterns, at least one
 */
public record Statement(
        String sid,
        int index,
        Effect effect,
        boolean notAction,
        List<IamPattern> actions,
        boolean notResource,
        List<IamPattern> resources) {

    /** A statement's {@code Effect}. */
    public enum Effect {
        ALLOW,
        DENY
    }

    public Statement {
        Objects.requireNonNull(effect, "effect");
        if (index < 1) {
            throw new IllegalArgumentException("a statement's index counts from 1: " + index);
        }
        if (actions == null || actions.isEmpty()) {
            throw new IllegalArgumentException("statement " + label(sid, index) + " names no action");
        }
        if (resources == null || resources.isEmpty()) {
            throw new IllegalArgumentException("statement " + label(sid, index) + " names no resource");
        }
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }

    /** Whether this statement applies to {@code action} on {@code resourceArn}, whatever its effect. */
    boolean appliesTo(String action, String resourceArn) {
        return anyMatches(actions, action) != notAction && anyMatches(resources, resourceArn) != notResource;
    }

    /** Its Sid, or {@code #<index>} when it has none. */
    public String label() {
        return label(sid, index);
    }

    private static String label(String sid, int index) {
        return sid != null ? sid : "#" + index;
    }

    private static boolean anyMatches(List<IamPattern> patterns, String value) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(value));
    }
}
