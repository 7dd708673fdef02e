package io.msklambda.local.trigger;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An on-failure destination as the mapping names it (https://docs.aws.amazon.com/lambda/latest/api/API_OnFailure.html):
 * {@code kafka://<topic>} on the same cluster, or the ARN of an SQS queue, an SNS topic or an S3 bucket.
 *
 * @param kind where it goes
 * @param name the topic, queue, SNS topic or bucket name
 * @param spec the destination as written
 */
public record Destination(Kind kind, String name, String spec) {

    public enum Kind {
        KAFKA,
        SQS,
        SNS,
        S3
    }

    private static final Pattern KAFKA = Pattern.compile("kafka://([a-zA-Z0-9._-]{1,249})");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:(sqs|sns|s3):([a-z0-9-]*):([0-9]{12})?:(.+)");

    public Destination {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** @throws IllegalArgumentException saying what a destination may be */
    public static Destination parse(String spec) {
        Matcher kafka = KAFKA.matcher(spec);
        if (kafka.matches()) {
            return new Destination(Kind.KAFKA, kafka.group(1), spec);
        }
        Matcher arn = ARN.matcher(spec);
        if (arn.matches()) {
            Kind kind = Kind.valueOf(arn.group(1).toUpperCase(java.util.Locale.ROOT));
            return new Destination(kind, arn.group(4), spec);
        }
        throw new IllegalArgumentException("an on-failure destination is kafka://<topic> or the ARN of an SQS queue, "
                + "an SNS topic or an S3 bucket: " + spec);
    }
}
