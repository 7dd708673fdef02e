package io.msklambda.tests.kafka.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.kafka.iam.StaticIamCredentials;
import java.io.IOException;
import java.security.Provider;
import java.security.Security;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslClientFactory;
import javax.security.sasl.SaslException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import software.amazon.msk.auth.iam.internals.AWS4SignedPayloadGenerator;
import software.amazon.msk.auth.iam.internals.IAMSaslClient;

/**
 * Kafka clients that authenticate with aws-msk-iam-auth's own SASL client and payload signer, given their
 * credentials directly (no process-wide environment), and optionally changing one field of the signed payload
 * on its way out: what a tampering client, or a client with the wrong credentials, sends.
 *
 * <p>The tampering happens in a SASL client factory registered ahead of aws-msk-iam-auth's: it answers only for
 * clients configured with {@link Credentials} and a change to make, and leaves every other client alone.
 */
final class TestIamClient {

    static {
        synchronized (Security.class) {
            if (Security.getProvider(TamperingProvider.NAME) == null) {
                Security.insertProviderAt(new TamperingProvider(), 1);
            }
        }
    }

    /** A change to the payload: in {@code field}, {@code from} replaced by {@code to}; a null {@code from}: all of it. */
    record Tamper(String field, String from, String to) {}

    private TestIamClient() {}

    /** Client properties for the IAM listener at {@code bootstrap}; null {@code principal} = no credentials. */
    static Map<String, Object> properties(
            String bootstrap, Map<String, String> trust, LocalPrincipal principal, Tamper tamper) {
        Map<String, Object> props = new HashMap<>(trust);
        props.putAll(Credentials.clientProperties(principal, tamper));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        return props;
    }

    /** The local runtime's static credentials, plus the change to make to the payload. */
    public static final class Credentials extends StaticIamCredentials {

        static Map<String, Object> clientProperties(LocalPrincipal principal, Tamper tamper) {
            Map<String, String> options = new HashMap<>();
            if (tamper != null) {
                options.put("tamperField", tamper.field());
                options.put("tamperTo", tamper.to());
                if (tamper.from() != null) {
                    options.put("tamperFrom", tamper.from());
                }
            }
            Map<String, Object> props = new HashMap<>(StaticIamCredentials.clientProperties(principal, options));
            props.put(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, Credentials.class.getName());
            return props;
        }

        Tamper tamper() {
            return option("tamperField") == null
                    ? null
                    : new Tamper(option("tamperField"), option("tamperFrom"), option("tamperTo"));
        }
    }

    private static final class TamperingProvider extends Provider {
        static final String NAME = "tests: tampering AWS_MSK_IAM client";
        private static final long serialVersionUID = 1L;

        TamperingProvider() {
            super(NAME, "1.0", "aws-msk-iam-auth's client, with one field of its payload changed");
            put("SaslClientFactory.AWS_MSK_IAM", TamperingFactory.class.getName());
        }
    }

    /** Answers for tampering clients only; for the others, returns null so that the JDK asks the next factory. */
    public static final class TamperingFactory implements SaslClientFactory {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public SaslClient createSaslClient(
                String[] mechanisms,
                String authorizationId,
                String protocol,
                String serverName,
                Map<String, ?> props,
                CallbackHandler handler) {
            if (!(handler instanceof Credentials credentials) || credentials.tamper() == null) {
                return null;
            }
            Tamper tamper = credentials.tamper();
            return new IAMSaslClient("AWS_MSK_IAM", handler, serverName, new AWS4SignedPayloadGenerator()) {
                @Override
                public byte[] evaluateChallenge(byte[] challenge) throws SaslException {
                    byte[] message = super.evaluateChallenge(challenge);
                    return challenge.length == 0 ? tampered(message, tamper) : message;
                }
            };
        }

        private static byte[] tampered(byte[] payload, Tamper tamper) throws SaslException {
            try {
                ObjectNode fields = (ObjectNode) JSON.readTree(payload);
                String value = fields.path(tamper.field()).asText();
                if (tamper.from() != null && !value.contains(tamper.from())) {
                    throw new SaslException("the test's tamper " + tamper + " does not apply to '" + value + "'");
                }
                fields.put(
                        tamper.field(),
                        tamper.from() == null ? tamper.to() : value.replace(tamper.from(), tamper.to()));
                return JSON.writeValueAsBytes(fields);
            } catch (IOException e) {
                throw new SaslException("cannot tamper with the payload", e);
            }
        }

        @Override
        public String[] getMechanismNames(Map<String, ?> props) {
            return new String[] {"AWS_MSK_IAM"};
        }
    }
}
