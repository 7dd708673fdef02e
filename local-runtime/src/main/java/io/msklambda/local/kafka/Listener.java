package io.msklambda.local.kafka;

import io.msklambda.producer.AuthMode;
import java.util.Locale;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The client listeners the local broker can open, one per way Amazon MSK lets clients in. Each has its own
 * port; the broker itself (inter-broker traffic, the admin client) always uses {@link #PLAINTEXT}.
 */
public enum Listener {
    /** No encryption, no authentication (MSK's plaintext port 9092). */
    PLAINTEXT("CLIENT", SecurityProtocol.PLAINTEXT),
    /** TLS with the broker's {@link LocalCertificate} (MSK's TLS port 9094, without client certificates). */
    TLS("TLS", SecurityProtocol.SSL),
    /** TLS, then SASL {@code AWS_MSK_IAM} checked against local principals (MSK's IAM port 9098). */
    IAM("IAM", SecurityProtocol.SASL_SSL);

    final String listenerName;
    final SecurityProtocol protocol;

    Listener(String listenerName, SecurityProtocol protocol) {
        this.listenerName = listenerName;
        this.protocol = protocol;
    }

    /** The listener a client with this {@code AUTH_MODE} connects to. */
    public static Listener of(AuthMode mode) {
        return switch (mode) {
            case NONE -> PLAINTEXT;
            case TLS -> TLS;
            case IAM -> IAM;
        };
    }

    /** The prefix of broker properties that apply to the listener of that name only. */
    static String configPrefix(String listenerName) {
        return "listener.name." + listenerName.toLowerCase(Locale.ROOT) + ".";
    }
}
