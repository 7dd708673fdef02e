package io.msklambda.local.kafka.iam;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;

import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;

/**
 * Connects a broker listener to the {@link IamAuthenticator} that serves it. Kafka makes one per listener from
 * {@code listener.name.<listener>.aws_msk_iam.sasl.server.callback.handler.class} and configures it with the
 * listener's JAAS entry, whose {@value #AUTHENTICATOR_OPTION} option names an authenticator
 * {@linkplain #register registered} in this JVM: several brokers can run side by side, each with its own
 * principals, and no secret goes through the broker's configuration (or its log of that configuration).
 */
public final class IamServerCallbackHandler implements AuthenticateCallbackHandler {

    static final String AUTHENTICATOR_OPTION = "authenticator";
    private static final Map<String, IamAuthenticator> REGISTERED = new ConcurrentHashMap<>();

    private IamAuthenticator authenticator;

    /** Makes an authenticator available to a broker's configuration; returns the id its JAAS entry names. */
    public static String register(IamAuthenticator authenticator) {
        String id = UUID.randomUUID().toString();
        REGISTERED.put(id, authenticator);
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
            .orElseThrow(() -> new IllegalArgumentException("the " + saslMechanism + " listener's JAAS entry has no "
                + AUTHENTICATOR_OPTION + " option; use IamServerCallbackHandler.jaasConfig"));
        authenticator = REGISTERED.get(id);
        if (authenticator == null) {
            throw new IllegalArgumentException("no IAM authenticator is registered as " + id);
        }
    }

    IamAuthenticator authenticator() {
        return authenticator;
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        throw new UnsupportedCallbackException(callbacks[0], "the AWS_MSK_IAM server asks for no callbacks");
    }

    @Override
    public void close() {
        authenticator = null;
    }
}
