package io.msklambda.local.kafka.iam;

import java.security.Provider;
import java.security.Security;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.spi.LoginModule;

/**
 * The JAAS login module of an {@code AWS_MSK_IAM} listener. A broker logs in once per SASL mechanism, and the
 * server side of this one has no credentials of its own, so logging in does nothing; what matters is that
 * loading the class registers the SASL server factory with the JDK, before the first client connects (as
 * Kafka's own PLAIN and SCRAM login modules do).
 */
public final class IamLoginModule implements LoginModule {

    private static final String PROVIDER_NAME = "msk-local AWS_MSK_IAM server";

    static {
        synchronized (Security.class) {
            if (Security.getProvider(PROVIDER_NAME) == null) {
                Security.addProvider(new ServerProvider());
            }
        }
    }

    @Override
    public void initialize(
            Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        // nothing to keep: the authenticator is the callback handler's
    }

    @Override
    public boolean login() {
        return true;
    }

    @Override
    public boolean commit() {
        return true;
    }

    @Override
    public boolean abort() {
        return false;
    }

    @Override
    public boolean logout() {
        return true;
    }

    private static final class ServerProvider extends Provider {
        private static final long serialVersionUID = 1L;

        ServerProvider() {
            super(PROVIDER_NAME, "1.0", "The local broker's SASL server for " + IamAuthenticator.MECHANISM);
            put("SaslServerFactory." + IamAuthenticator.MECHANISM, IamSaslServer.Factory.class.getName());
        }
    }
}
