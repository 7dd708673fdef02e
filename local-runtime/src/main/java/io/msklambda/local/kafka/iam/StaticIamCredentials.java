package io.msklambda.local.kafka.iam;

import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.msk.auth.iam.internals.AWSCredentialsCallback;

/**
 * A client-side callback handler for aws-msk-iam-auth that hands its SASL client the credentials written in the
 * JAAS options ({@code accessKeyId}, {@code secretAccessKey}, {@code sessionToken}) instead of the SDK's default
 * chain: for clients in this JVM that sign in as a {@link LocalPrincipal} (the pipeline's producers and
 * trigger) without setting process-wide credentials that every other AWS client here would pick up.
 * {@code sasl.jaas.config} is a password-type setting, which Kafka never logs.
 */
public class StaticIamCredentials implements AuthenticateCallbackHandler {

    private static final String LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";

    private Map<String, ?> options = Map.of();

    /** The client properties that sign in as {@code principal}, or with no credentials at all if it is null. */
    public static Map<String, Object> clientProperties(LocalPrincipal principal) {
        return clientProperties(principal, Map.of());
    }

    /** The same, with further JAAS options, for subclasses that read them. */
    protected static Map<String, Object> clientProperties(LocalPrincipal principal, Map<String, String> more) {
        StringBuilder jaas = new StringBuilder(LOGIN_MODULE + " required");
        if (principal != null) {
            option(jaas, "accessKeyId", principal.accessKeyId());
            option(jaas, "secretAccessKey", principal.secretAccessKey());
            if (principal.sessionToken() != null) {
                option(jaas, "sessionToken", principal.sessionToken());
            }
        }
        more.forEach((name, value) -> option(jaas, name, value));
        return Map.of(
                SaslConfigs.SASL_MECHANISM,
                IamAuthenticator.MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG,
                jaas.append(';').toString(),
                SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS,
                StaticIamCredentials.class.getName());
    }

    private static void option(StringBuilder jaas, String name, String value) {
        jaas.append(' ').append(name).append("=\"").append(value).append('"');
    }

    @Override
    public void configure(Map<String, ?> configs, String mechanism, List<AppConfigurationEntry> entries) {
        options = entries.get(0).getOptions();
    }

    /** A JAAS option of this client, or null. */
    protected String option(String name) {
        return (String) options.get(name);
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (!(callback instanceof AWSCredentialsCallback aws)) {
                throw new UnsupportedCallbackException(callback);
            }
            String key = option("accessKeyId");
            String secret = option("secretAccessKey");
            String token = option("sessionToken");
            if (key == null || secret == null) {
                aws.setLoadingException(new IllegalStateException("no credentials in this client's JAAS options"));
            } else {
                aws.setAwsCredentials(
                        token == null
                                ? AwsBasicCredentials.create(key, secret)
                                : AwsSessionCredentials.create(key, secret, token));
            }
        }
    }

    @Override
    public void close() {
        options = Map.of();
    }
}
