package io.msklambda.local.kafka;

import java.util.Objects;

/**
 * A second client listener on every broker, for clients that reach this machine by another name than 127.0.0.1:
 * programs in Docker containers (a function under {@code sam local invoke}) reach it as {@code host.docker.internal}.
 *
 * <p>Why a listener of its own: a client uses its bootstrap address only once, to learn the brokers' addresses,
 * which are the {@code advertised.listeners} entries of the listener it connected to, and then connects to those
 * (https://kafka.apache.org/documentation/#brokerconfigs_advertised.listeners). A container told
 * {@code 127.0.0.1:9092} connects to itself. So the brokers advertise {@code 127.0.0.1} on their usual listener and
 * this listener's {@link #advertisedHost()} on this one, each client getting the addresses that work where it runs.
 *
 * @param like           the listener whose security (protocol, certificate, IAM) this one copies
 * @param advertisedHost the name the clients reach this machine by; the TLS certificate and the IAM check accept it
 * @param bindAddress    the local address it listens on: 127.0.0.1, 0.0.0.0, or one interface's (a Docker bridge's)
 * @param firstPort      broker i listens on {@code firstPort + i - 1}; 0 for ports the OS chooses
 */
public record ExternalListener(Listener like, String advertisedHost, String bindAddress, int firstPort) {

    /** Its name in the brokers' configuration ({@code listeners}, {@code listener.name.external.*}). */
    static final String NAME = "EXTERNAL";

    public ExternalListener {
        Objects.requireNonNull(like, "like");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (advertisedHost == null || advertisedHost.isBlank() || advertisedHost.equals("0.0.0.0")) {
            throw new IllegalArgumentException("an external listener advertises a host name its clients can reach, "
                    + "not '" + advertisedHost + "'");
        }
        ListenerPorts.requirePort(firstPort, "the external listener's first port");
    }
}
