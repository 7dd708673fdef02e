package io.msklambda.local.kafka.authz;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of a statement's {@code Action}/{@code NotAction} or {@code Resource}/{@code NotResource}, with IAM's
 * wildcards: {@code *} any run of characters, {@code ?} any one character.
 *
 * <p>Actions match case-insensitively ("The action names are case-insensitive": IAM JSON policy elements: Action,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html); resource ARNs are
 * case-sensitive, and a wildcard stays within one colon-separated segment of the ARN unless a {@code *} ends the
 * segment, which "can expand to match beyond the colon boundaries" (IAM JSON policy elements: Resource,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
 *
 * @param text  the pattern as the policy wrote it
 * @param regex what it compiles to
 */
record IamPattern(String text, Pattern regex) {

    IamPattern {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(regex, "regex");
    }

    /** An action pattern such as {@code kafka-cluster:*Topic}. */
    static IamPattern action(String text) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            regex.append(
                    switch (c) {
                        case '*' -> ".*";
                        case '?' -> ".";
                        default -> Pattern.quote(String.valueOf(c));
                    });
        }
        return new IamPattern(
                text,
                Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    /** A resource pattern such as {@code arn:aws:kafka:us-east-1:123456789012:topic/cluster/*}. */
    static IamPattern resource(String text) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean endsSegment = i + 1 == text.length() || text.charAt(i + 1) == ':';
            regex.append(
                    switch (c) {
                        case '*' -> endsSegment ? ".*" : "[^:]*";
                        case '?' -> "[^:]";
                        default -> Pattern.quote(String.valueOf(c));
                    });
        }
        return new IamPattern(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String value) {
        return regex.matcher(value).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
