package io.msklambda.local.kafka.authz;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of an Amazon MSK cluster, from which the ARNs of its four IAM resource types are built, as the MSK
 * developer guide's table of resources gives them (Semantics of IAM authorization policy actions and resources,
 * https://docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html):
 * {@code arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>}, and {@code topic/}, {@code group/},
 * {@code transactional-id/} followed by {@code <name>/<uuid>/<resource name>}.
 *
 * @param region  the cluster's region, such as {@code us-east-1}
 * @param account the 12-digit id of the account owning it
 * @param name    the cluster's name
 * @param uuid    the id MSK gives the cluster at creation (the last part of its ARN)
 */
public record ClusterArn(String region, String account, String name, String uuid) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** MSK's cluster names: 1 to 64 letters, digits and hyphens, starting with a letter (CreateCluster's ClusterName). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}");

    private static final Pattern UUID_PART = Pattern.compile("[A-Za-z0-9-]+");

    public ClusterArn {
        require(region, REGION, "region", "like us-east-1");
        require(account, ACCOUNT, "account", "12 digits");
        require(name, NAME, "name", "1 to 64 letters, digits and hyphens, starting with a letter");
        require(uuid, UUID_PART, "uuid", "letters, digits and hyphens");
    }

    private static final Pattern ARN = Pattern.compile("arn:aws:kafka:([^:]*):([^:]*):cluster/([^/]*)/(.*)");

    /**
     * Reads a cluster ARN, {@code arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>}.
     *
     * @throws IllegalArgumentException naming the ARN and the part that is wrong
     */
    public static ClusterArn parse(String arn) {
        Matcher matcher = ARN.matcher(arn == null ? "" : arn);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + arn + "' is not an MSK cluster ARN, "
                    + "arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>");
        }
        try {
            return new ClusterArn(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + arn + "': " + e.getMessage(), e);
        }
    }

    /**
     * A new cluster's identity, with a uuid of the form MSK gives at creation (a random UUID and a revision number),
     * so that no policy written for one run's cluster grants anything on another's.
     */
    public static ClusterArn generate(String region, String account, String name) {
        return new ClusterArn(region, account, name, UUID.randomUUID() + "-1");
    }

    /** The cluster's own ARN: the resource of {@code kafka-cluster:Connect} and the other cluster actions. */
    public String cluster() {
        return prefix("cluster");
    }

    /** The ARN of topic {@code topic} in this cluster. */
    public String topic(String topic) {
        return prefix("topic") + "/" + topic;
    }

    /** The ARN of consumer group {@code group} in this cluster. */
    public String group(String group) {
        return prefix("group") + "/" + group;
    }

    /** The ARN of transactional id {@code id} in this cluster. */
    public String transactionalId(String id) {
        return prefix("transactional-id") + "/" + id;
    }

    private String prefix(String type) {
        return "arn:aws:kafka:" + region + ":" + account + ":" + type + "/" + name + "/" + uuid;
    }

    private static void require(String value, Pattern pattern, String field, String allowed) {
        Objects.requireNonNull(value, field);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("a cluster ARN's " + field + " is " + allowed + ": '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return cluster();
    }
}
