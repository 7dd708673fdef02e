package io.msklambda.local.kafka.iam;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import javax.security.auth.callback.CallbackHandler;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import javax.security.sasl.SaslServerFactory;
import org.apache.kafka.common.errors.IllegalSaslStateException;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * The broker's side of {@code AWS_MSK_IAM}: one message from the client (the signed payload), which
 * {@link IamAuthenticator} checks, and one answer, the JSON aws-msk-iam-auth expects on success
 * ({@code version} and a {@code request-id}). The authenticated principal's name becomes the Kafka principal
 * ({@code User:<name>}) through Kafka's default principal builder.
 *
 * <p>Before the payload is checked, the broker's {@link IamConnectionRate} may refuse the connection with MSK's
 * answer, {@code [<request id>]: Too many connects} (as aws-msk-iam-auth's README quotes it,
 * https://github.com/aws/aws-msk-iam-auth#failed-authentication-too-many-connects); a refused connection costs the
 * broker no signature check.
 */
final class IamSaslServer implements SaslServer {

    /** MSK's refusal past the rate, after the request id in brackets. */
    static final String TOO_MANY_CONNECTS = "Too many connects";

    private final IamAuthenticator authenticator;
    private final IamConnectionRate rate;
    private LocalPrincipal principal;

    IamSaslServer(IamAuthenticator authenticator, IamConnectionRate rate) {
        this.authenticator = authenticator;
        this.rate = rate;
    }

    @Override
    public String getMechanismName() {
        return IamAuthenticator.MECHANISM;
    }

    @Override
    public byte[] evaluateResponse(byte[] response) {
        if (principal != null) {
            throw new IllegalSaslStateException(IamAuthenticator.MECHANISM + " takes one message, and it came");
        }
        UUID requestId = UUID.randomUUID();
        if (!rate.tryAdmit()) {
            // Kafka sends a SaslAuthenticationException's message to the client as the SASL error message
            throw new SaslAuthenticationException("[" + requestId + "]: " + TOO_MANY_CONNECTS);
        }
        principal = authenticator.authenticate(response);
        return ("{\"version\":\"" + IamAuthenticator.VERSION + "\",\"request-id\":\"" + requestId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isComplete() {
        return principal != null;
    }

    @Override
    public String getAuthorizationID() {
        requireComplete();
        return principal.name();
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) {
        throw new IllegalStateException(IamAuthenticator.MECHANISM + " negotiates no security layer");
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) {
        throw new IllegalStateException(IamAuthenticator.MECHANISM + " negotiates no security layer");
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
        requireComplete();
        return null;
    }

    @Override
    public void dispose() {
        principal = null;
    }

    private void requireComplete() {
        if (principal == null) {
            throw new IllegalStateException("the " + IamAuthenticator.MECHANISM + " exchange has not completed");
        }
    }

    /**
     * Made by the JDK's {@code Sasl.createSaslServer} once {@link IamLoginModule} has registered its provider;
     * the authenticator comes with the listener's callback handler.
     */
    public static final class Factory implements SaslServerFactory {

        @Override
        public SaslServer createSaslServer(
                String mechanism, String protocol, String serverName, Map<String, ?> props, CallbackHandler handler)
                throws SaslException {
            if (!IamAuthenticator.MECHANISM.equals(mechanism)) {
                return null;
            }
            if (!(handler instanceof IamServerCallbackHandler iam)) {
                throw new SaslException(IamAuthenticator.MECHANISM + " needs the listener's "
                        + "sasl.server.callback.handler.class to be " + IamServerCallbackHandler.class.getName());
            }
            return new IamSaslServer(iam.authenticator(), iam.connectionRate());
        }

        @Override
        public String[] getMechanismNames(Map<String, ?> props) {
            return new String[] {IamAuthenticator.MECHANISM};
        }
    }
}
