package io.msklambda.local.kafka.authz;

import java.util.Objects;

/**
 * The outcome of evaluating a principal's policies for one action on one resource, with what decided it.
 *
 * @param allowed     whether the request may proceed
 * @param policy      the name of the policy holding the deciding statement; null when no statement applied
 * @param statement   the deciding statement's Sid, or {@code #<index>} when it has none; null when none applied
 * @param explanation why: {@value #NOT_ALLOWED}, "denied by statement S in policy P", or "allowed by statement S in
 *                    policy P"
 */
public record Decision(boolean allowed, String policy, String statement, String explanation) {

    /** The explanation of an implicit deny. */
    public static final String NOT_ALLOWED = "no statement allows it";

    public Decision {
        Objects.requireNonNull(explanation, "explanation");
        if ((policy == null) != (statement == null)) {
            throw new IllegalArgumentException("a deciding statement is named with its policy");
        }
        if (allowed && statement == null) {
            throw new IllegalArgumentException("an allow always comes from a statement");
        }
    }

    static Decision implicitDeny() {
        return new Decision(false, null, null, NOT_ALLOWED);
    }

    static Decision allowedBy(String policy, String statement) {
        return new Decision(true, policy, statement, "allowed by statement " + statement + " in policy " + policy);
    }

    static Decision deniedBy(String policy, String statement) {
        return new Decision(false, policy, statement, "denied by statement " + statement + " in policy " + policy);
    }
}
