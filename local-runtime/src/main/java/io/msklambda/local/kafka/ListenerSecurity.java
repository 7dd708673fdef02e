package io.msklambda.local.kafka;

import io.msklambda.local.kafka.authz.Authorization;
import io.msklambda.local.kafka.authz.IamAuthorizer;
import io.msklambda.local.kafka.iam.IamAuthenticator;
import io.msklambda.local.kafka.iam.IamConnectionQuotas;
import io.msklambda.local.kafka.iam.IamServerCallbackHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.internals.BrokerSecurityConfigs;
import org.apache.kafka.network.SocketServerConfigs;

/**
 * What the broker's secure listeners need: the certificate (one for TLS, IAM and an external listener copying
 * either), and for IAM the authenticator, the limits on its connections and, when asked for, the authorizer's
 * policies, each registered under an id for as long as the cluster runs.
 */
final class ListenerSecurity implements AutoCloseable {

    private final Set<Listener> listeners;
    private final ExternalListener external;
    private final LocalCertificate certificate;
    private final IamConnectionQuotas iamConnections;
    private final String iamRegistration;
    private final IamAuthorizer.Registration authorization;

    private ListenerSecurity(
            Set<Listener> listeners,
            ExternalListener external,
            LocalCertificate certificate,
            IamConnectionQuotas iamConnections,
            String iamRegistration,
            IamAuthorizer.Registration authorization) {
        this.listeners = listeners;
        this.external = external;
        this.certificate = certificate;
        this.iamConnections = iamConnections;
        this.iamRegistration = iamRegistration;
        this.authorization = authorization;
    }

    /**
     * @param external a listener copying one of {@code listeners} for another host name; null for none
     * @param iam            the IAM listener's authenticator; null when {@code listeners} has no {@link Listener#IAM}
     * @param iamConnections the limits on the IAM listener's connections; null exactly when {@code iam} is
     * @param policies       whose policies the cluster authorizes IAM principals' requests by; null: it does not
     */
    static ListenerSecurity of(
            Set<Listener> listeners,
            ExternalListener external,
            IamAuthenticator iam,
            IamConnectionQuotas iamConnections,
            Authorization policies) {
        boolean secure = listeners.contains(Listener.TLS) || listeners.contains(Listener.IAM);
        LocalCertificate certificate = secure ? LocalCertificate.issue(ClusterConfig.HOST, hostNames(external)) : null;
        String registration = iam == null ? null : IamServerCallbackHandler.register(iam, iamConnections);
        return new ListenerSecurity(
                Collections.unmodifiableSet(EnumSet.copyOf(listeners)),
                external,
                certificate,
                iamConnections,
                registration,
                policies == null ? null : IamAuthorizer.register(policies));
    }

    /**
     * The authorizer's settings, for every node, the controller included (brokers forward some requests to it with
     * the client's principal); empty when the cluster does not authorize.
     */
    Map<String, String> authorizerProperties() {
        return authorization == null ? Map.of() : authorization.brokerProperties();
    }

    /**
     * The names a client may have connected to, for which the certificate is issued and an IAM signature made:
     * 127.0.0.1 and the names it goes by (the Kafka client puts the name of the address it connected to in the
     * payload's {@code host}, which is the address itself or its reverse lookup), and the external listener's host.
     */
    static Set<String> hostNames(ExternalListener external) {
        Set<String> names = new TreeSet<>(Set.of(ClusterConfig.HOST, "localhost"));
        try {
            names.add(InetAddress.getByName(ClusterConfig.HOST).getCanonicalHostName());
        } catch (UnknownHostException e) {
            // 127.0.0.1 is a literal: this cannot happen, and the two names above remain
        }
        if (external != null) {
            names.add(external.advertisedHost());
        }
        return names;
    }

    Set<Listener> listeners() {
        return listeners;
    }

    LocalCertificate certificate() {
        return certificate;
    }

    /** The IAM listener's connection limits and counts; null without one. */
    IamConnectionQuotas iamConnections() {
        return iamConnections;
    }

    /** The secure listeners' broker properties, each under its listener's prefix, the external one's included. */
    Map<String, String> brokerProperties() {
        Map<String, String> properties = new HashMap<>();
        for (Listener listener : listeners) {
            properties.putAll(properties(listener, Listener.configPrefix(listener.listenerName)));
        }
        if (external != null) {
            properties.putAll(properties(external.like(), Listener.configPrefix(ExternalListener.NAME)));
        }
        return properties;
    }

    /** What a listener secured as {@code listener} needs, under {@code prefix}. */
    private Map<String, String> properties(Listener listener, String prefix) {
        Map<String, String> properties = new HashMap<>();
        if (listener == Listener.TLS || listener == Listener.IAM) {
            properties.putAll(certificate.keyStoreProperties(prefix));
        }
        if (listener == Listener.IAM) {
            String mechanismPrefix = prefix + IamAuthenticator.MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".";
            properties.put(prefix + BrokerSecurityConfigs.SASL_ENABLED_MECHANISMS_CONFIG, IamAuthenticator.MECHANISM);
            properties.put(
                    mechanismPrefix + SaslConfigs.SASL_JAAS_CONFIG,
                    IamServerCallbackHandler.jaasConfig(iamRegistration));
            properties.put(
                    mechanismPrefix + BrokerSecurityConfigs.SASL_SERVER_CALLBACK_HANDLER_CLASS_CONFIG,
                    IamServerCallbackHandler.class.getName());
            // MSK's open-connection limit is this Kafka setting on each IAM listener (client_iam, client_iam_public):
            // past it, Kafka's acceptor holds new connections until one closes
            // (https://docs.aws.amazon.com/msk/latest/developerguide/limits.html#msk-provisioned-quota)
            properties.put(
                    prefix + SocketServerConfigs.MAX_CONNECTIONS_CONFIG,
                    String.valueOf(iamConnections.limits().maxConnections()));
        }
        return properties;
    }

    @Override
    public void close() {
        if (iamRegistration != null) {
            IamServerCallbackHandler.unregister(iamRegistration);
        }
        if (authorization != null) {
            authorization.close();
        }
    }
}
