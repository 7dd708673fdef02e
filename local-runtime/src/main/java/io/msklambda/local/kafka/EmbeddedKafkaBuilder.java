package io.msklambda.local.kafka;

import io.msklambda.local.kafka.authz.Authorization;
import io.msklambda.local.kafka.authz.ClusterArn;
import io.msklambda.local.kafka.authz.IamAuthorizer;
import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.kafka.iam.IamAuthenticator;
import io.msklambda.local.kafka.iam.IamConnectionLimits;
import io.msklambda.local.kafka.iam.IamConnectionQuotas;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.server.config.ServerConfigs;

/**
 * Settings for an {@link EmbeddedKafka} cluster ({@link EmbeddedKafka#builder()}); each {@code start()} gives a new,
 * empty cluster.
 */
public final class EmbeddedKafkaBuilder {

    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private int brokers = 1;
    private final Set<Listener> listeners = EnumSet.of(Listener.PLAINTEXT);
    private final Map<Listener, Integer> firstPorts = new EnumMap<>(Listener.class);
    private ExternalListener external;
    private String iamRegion;
    private final List<LocalPrincipal> iamPrincipals = new ArrayList<>();
    private Clock iamClock = Clock.systemUTC();
    private IamConnectionLimits iamConnectionLimits;
    private Authorization authorization;

    EmbeddedKafkaBuilder() {}

    /**
     * How many brokers the cluster has (1 by default; Amazon MSK runs at least 2, usually 3).
     *
     * @throws IllegalArgumentException outside 1..{@value EmbeddedKafka#MAX_BROKERS}
     */
    public EmbeddedKafkaBuilder brokers(int count) {
        if (count < 1 || count > EmbeddedKafka.MAX_BROKERS) {
            throw new IllegalArgumentException(
                    "a local cluster has 1 to " + EmbeddedKafka.MAX_BROKERS + " brokers: " + count);
        }
        brokers = count;
        return this;
    }

    /** Adds a {@link Listener#TLS} listener, serving a certificate made at start ({@link EmbeddedKafka#trustProperties()}). */
    public EmbeddedKafkaBuilder tls() {
        listeners.add(Listener.TLS);
        return this;
    }

    /**
     * Adds an {@link Listener#IAM} listener ({@code SASL_SSL}, mechanism {@code AWS_MSK_IAM}) that lets in
     * clients whose signature checks out against one of these principals, for this region.
     */
    public EmbeddedKafkaBuilder iam(String region, LocalPrincipal... principals) {
        if (principals.length == 0) {
            throw new IllegalArgumentException("an IAM listener needs at least one principal");
        }
        listeners.add(Listener.IAM);
        iamRegion = region;
        iamPrincipals.addAll(List.of(principals));
        return this;
    }

    /**
     * Adds {@code listener}, whichever it is: for {@link Listener#IAM}, one that lets {@code principal} in,
     * signing for {@code region}; the PLAINTEXT listener is always there.
     */
    public EmbeddedKafkaBuilder listener(Listener listener, String region, LocalPrincipal principal) {
        return switch (listener) {
            case PLAINTEXT -> this;
            case TLS -> tls();
            case IAM -> iam(region, principal);
        };
    }

    /**
     * Fixes the ports of {@code listener}, one the cluster has: broker i listens on {@code firstPort + i - 1}
     * instead of a port the OS chooses (0, the default). A port in use fails {@link #start()} before any node
     * runs. A restarted broker always comes back on its ports, fixed or not.
     */
    public EmbeddedKafkaBuilder port(Listener listener, int firstPort) {
        ListenerPorts.requirePort(firstPort, listener + "'s first port");
        firstPorts.put(listener, firstPort);
        return this;
    }

    /**
     * Adds a second listener on every broker for clients that reach the brokers by another name (containers:
     * {@code host.docker.internal}), secured like {@code external.like()}, which the cluster must have.
     */
    public EmbeddedKafkaBuilder external(ExternalListener external) {
        this.external = external;
        return this;
    }

    /**
     * The clock the IAM listener judges signature dates and expiry by, and counts its connections a second by
     * (the system's by default).
     */
    public EmbeddedKafkaBuilder iamClock(Clock clock) {
        iamClock = clock;
        return this;
    }

    /**
     * The IAM listener's limits on new connections a second and open connections, per broker, as Amazon MSK
     * enforces them ({@link IamConnectionLimits}); by default an M5 broker's, {@link IamConnectionLimits#DEFAULT}.
     * The cluster must have an {@link #iam} listener.
     */
    public EmbeddedKafkaBuilder iamConnectionLimits(IamConnectionLimits limits) {
        iamConnectionLimits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /**
     * Authorizes every request of the IAM listener's principals against their IAM policies, as Amazon MSK's IAM
     * access control does ({@link IamAuthorizer}); off by default. The cluster must have an {@link #iam} listener.
     *
     * @param byPrincipal each principal's policies, by the principal's name ({@link Authorization})
     * @param cluster     the cluster ARN the policies' resources are built on
     */
    public EmbeddedKafkaBuilder authorization(Map<String, List<IamPolicy>> byPrincipal, ClusterArn cluster) {
        return authorization(new Authorization(cluster, byPrincipal));
    }

    /** The same, with an {@link Authorization} whose {@link Authorization#log() log} the caller reads afterwards. */
    public EmbeddedKafkaBuilder authorization(Authorization authorization) {
        this.authorization = authorization;
        return this;
    }

    /**
     * Sets a broker property (a {@code server.properties} entry), overriding this class's own setting
     * of it on every node. A node's identity, listeners, ports and directories are not settable.
     *
     * @throws IllegalArgumentException if {@code name} is one of those, naming it
     */
    public EmbeddedKafkaBuilder brokerProperty(String name, String value) {
        ClusterConfig.requireOverridable(name);
        brokerProperties.put(name, value);
        return this;
    }

    /**
     * Starts the cluster; returns once every broker serves clients.
     *
     * @throws IllegalArgumentException if a fixed port or the external listener names a listener the cluster does
     *                                  not have, or the brokers' ports would run past 65535
     * @throws KafkaException           if it did not start, a fixed port in use among the reasons
     */
    public EmbeddedKafka start() {
        if (external != null && !listeners.contains(external.like())) {
            throw new IllegalArgumentException("the external listener is secured like the " + external.like()
                    + " listener, which this cluster does not have; its listeners: " + listeners);
        }
        if (authorization != null && !listeners.contains(Listener.IAM)) {
            throw new IllegalArgumentException("authorization applies to the IAM listener's principals; add one "
                    + "with iam(region, principals...)");
        }
        if (iamConnectionLimits != null && !listeners.contains(Listener.IAM)) {
            throw new IllegalArgumentException(
                    "IAM connection limits apply to the IAM listener; add one with iam(region, principals...)");
        }
        if (authorization != null && brokerProperties.containsKey(ServerConfigs.AUTHORIZER_CLASS_NAME_CONFIG)) {
            throw new IllegalArgumentException("authorization(...) sets " + ServerConfigs.AUTHORIZER_CLASS_NAME_CONFIG
                    + "; it cannot also be set as a broker property");
        }
        ListenerPorts ports = new ListenerPorts(listeners, firstPorts, external, brokers);
        IamAuthenticator iam = listeners.contains(Listener.IAM)
                ? new IamAuthenticator(
                        iamRegion, ListenerSecurity.hostNames(external), iamPrincipals, iamClock, authorization)
                : null;
        IamConnectionQuotas iamConnections = iam == null
                ? null
                : new IamConnectionQuotas(
                        iamConnectionLimits == null ? IamConnectionLimits.DEFAULT : iamConnectionLimits, iamClock);
        return EmbeddedKafka.start(
                brokers,
                Map.copyOf(brokerProperties),
                ListenerSecurity.of(listeners, external, iam, iamConnections, authorization),
                ports);
    }
}
