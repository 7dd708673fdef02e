package io.msklambda.local.kafka.iam;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An identity the local broker's {@code AWS_MSK_IAM} authenticator accepts: the Kafka principal name it
 * becomes, and the AWS credentials that sign for it. Made up at start ({@link #generate}); never a real
 * AWS identity, and never printed: {@link #toString()} shows the name and the access key id only.
 *
 * @param name            the Kafka principal's name once authenticated, as {@code User:<name>}
 * @param accessKeyId     the access key id clients put in the credential scope
 * @param secretAccessKey the secret they sign with
 * @param sessionToken    the session token temporary credentials carry, or null for long-term ones
 */
public record LocalPrincipal(String name, String accessKeyId, String secretAccessKey, String sessionToken) {

    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    public LocalPrincipal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** A principal with random long-term credentials, shaped like AWS's (a 20-character key id, a 40-character secret). */
    public static LocalPrincipal generate(String name) {
        return new LocalPrincipal(name, "AKIALOCAL" + random(KEY_ALPHABET, 11), random(SECRET_ALPHABET, 40), null);
    }

    /** The same identity with temporary credentials: a random session token beside a new key pair. */
    public static LocalPrincipal generateTemporary(String name) {
        return new LocalPrincipal(
                name,
                "ASIALOCAL" + random(KEY_ALPHABET, 11),
                random(SECRET_ALPHABET, 40),
                random(SECRET_ALPHABET, 200));
    }

    /** The standard AWS variables that hand these credentials to an SDK's default chain. */
    public Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("AWS_ACCESS_KEY_ID", accessKeyId);
        variables.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        if (sessionToken != null) {
            variables.put("AWS_SESSION_TOKEN", sessionToken);
        }
        return variables;
    }

    /** The access key id with its middle hidden, for messages. */
    public static String masked(String accessKeyId) {
        return accessKeyId.length() <= 8
                ? "****"
                : accessKeyId.substring(0, 4) + "…" + accessKeyId.substring(accessKeyId.length() - 4);
    }

    @Override
    public String toString() {
        return "LocalPrincipal[" + name + ", access key " + masked(accessKeyId)
                + (sessionToken == null ? "" : ", temporary") + "]";
    }

    private static String random(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
