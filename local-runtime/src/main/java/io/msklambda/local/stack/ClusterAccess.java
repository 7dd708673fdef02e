package io.msklambda.local.stack;

import io.msklambda.local.kafka.authz.ClusterArn;
import io.msklambda.local.sam.RolePolicies;
import java.util.Locale;
import java.util.Objects;

/**
 * Who signs in to the embedded cluster's IAM listener and what each may do, as Amazon MSK's IAM access control
 * decides it: the producer as a session of its role, the trigger as a session of the consumer's role, each
 * authorized by its role's policies from the template, on the cluster's own ARN.
 *
 * @param mode     whether requests are authorized, and whether the run reports unused grants
 * @param source   where the policies came from, for the run's header (a template's name, or why there are none)
 * @param cluster  the cluster's identity: the resources of the policies, and the trigger's event source ARN
 * @param producer the producer's identity; null when {@code mode} is OFF
 * @param consumer the trigger's identity; null when {@code mode} is OFF
 */
public record ClusterAccess(Mode mode, String source, ClusterArn cluster, Identity producer, Identity consumer) {

    /** {@code --authorization}. */
    public enum Mode {
        /** Every request of the IAM listener's principals is authorized against their policies. */
        ON,
        /** Any authenticated principal may do anything, for experiments. */
        OFF,
        /** ON, and the run ends with each role's granted actions that no request needed. */
        REPORT;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A principal and the role whose policies apply to it.
     *
     * @param principal the principal's name, the ARN of a session of the role, as Lambda's credentials have it
     * @param role      the role, with its policies
     */
    public record Identity(String principal, RolePolicies role) {
        public Identity {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(role, "role");
        }
    }

    public ClusterAccess {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cluster, "cluster");
        if (mode != Mode.OFF && (producer == null || consumer == null)) {
            throw new IllegalArgumentException(
                    "authorization " + mode + " needs the producer's and the trigger's identities");
        }
    }

    /** No authorization on a cluster of this identity, for this reason. */
    public static ClusterAccess off(ClusterArn cluster, String reason) {
        return new ClusterAccess(Mode.OFF, reason, cluster, null, null);
    }

    public boolean authorizes() {
        return mode != Mode.OFF;
    }

    /** One line for the run's header. */
    public String describe() {
        if (!authorizes()) {
            return "off (" + source + "): any authenticated client may do anything";
        }
        return mode + " (" + source + "): the producer signs in as " + producer.principal() + " ("
                + producer.role().policies().size() + " polic"
                + (producer.role().policies().size() == 1 ? "y" : "ies")
                + "), the trigger as " + consumer.principal() + " ("
                + consumer.role().policies().size() + " polic"
                + (consumer.role().policies().size() == 1 ? "y" : "ies") + "), on " + cluster;
    }
}
