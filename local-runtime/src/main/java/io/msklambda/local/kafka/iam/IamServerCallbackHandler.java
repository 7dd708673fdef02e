package io.msklambda.local.kafka.iam;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.raft.KRaftConfigs;

/**
 * Connects a broker listener to the {@link IamAuthenticator} that serves it and to its broker's
 * {@link IamConnectionRate}. Kafka makes one per listener from
 * {@code listener.name.<listener>.aws_msk_iam.sasl.server.callback.handler.class} and configures it with the
 * broker's configuration (whose {@code node.id} picks the broker's rate) and the listener's JAAS entry, whose
 * {@value #AUTHENTICATOR_OPTION} option names an authenticator {@linkplain #register registered} in this JVM: several
 * clusters can run side by side, each with its own principals, and no secret goes through the broker's configuration
 * (or its log of that configuration).
 */
public final class IamServerCallbackHandler implements AuthenticateCallbackHandler {

    static final String AUTHENTICATOR_OPTION = "authenticator";
    private static final Map<String, Registration> REGISTERED = new ConcurrentHashMap<>();

    private record Registration(IamAuthenticator authenticator, IamConnectionQuotas quotas) {}

    private IamAuthenticator authenticator;
    private IamConnectionRate connectionRate;

    /**
     * Makes an authenticator, and the limits on its brokers' connections, available to the brokers' configuration;
     * returns the id their JAAS entry names.
     */
    public static String register(IamAuthenticator authenticator, IamConnectionQuotas quotas) {
        String id = UUID.randomUUID().toString();
        REGISTERED.put(id, new Registration(authenticator, quotas));
        return id;
    }

    /** Forgets an authenticator, once its broker has stopped. */
    public static void unregister(String id) {
        REGISTERED.remove(id);
    }

    /** The listener's JAAS configuration for an authenticator {@linkplain #register registered} as {@code id}. */
    public static String jaasConfig(String id) {
        return IamLoginModule.class.getName() + " required " + AUTHENTICATOR_OPTION + "=\"" + id + "\";";
    }

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        String id = jaasConfigEntries.stream()
                .map(entry -> (String) entry.getOptions().get(AUTHENTICATOR_OPTION))
                .filter(option -> option != null)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("the " + saslMechanism + " listener's JAAS entry has no "
                                + AUTHENTICATOR_OPTION + " option; use IamServerCallbackHandler.jaasConfig"));
        Registration registration = REGISTERED.get(id);
        if (registration == null) {
            throw new IllegalArgumentException("no IAM authenticator is registered as " + id);
        }
        authenticator = registration.authenticator();
        connectionRate = registration.quotas().broker(nodeId(configs));
    }

    private static int nodeId(Map<String, ?> configs) {
        Object nodeId = configs.get(KRaftConfigs.NODE_ID_CONFIG);
        if (nodeId instanceof Number number) {
            return number.intValue();
        }
        if (nodeId instanceof String text) {
            return Integer.parseInt(text.trim());
        }
        throw new IllegalArgumentException("the IAM listener's configuration has no " + KRaftConfigs.NODE_ID_CONFIG
                + " (" + nodeId + "): its connection limits are per broker");
    }

    IamAuthenticator authenticator() {
        return authenticator;
    }

    IamConnectionRate connectionRate() {
        return connectionRate;
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        throw new UnsupportedCallbackException(callbacks[0], "the AWS_MSK_IAM server asks for no callbacks");
    }

    @Override
    public void close() {
        authenticator = null;
        connectionRate = null;
    }
}
