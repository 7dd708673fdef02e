package io.msklambda.local.kafka;

import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * One listener of one broker, its port bound: what goes into {@code listeners}, {@code advertised.listeners} and
 * {@code listener.security.protocol.map}.
 *
 * @param name           the listener's name ({@code CLIENT}, {@code TLS}, {@code IAM}, {@code EXTERNAL})
 * @param bindHost       the address it listens on
 * @param advertisedHost the host the clients are told to connect to
 */
record BrokerListener(String name, SecurityProtocol protocol, String bindHost, String advertisedHost, int port) {

    /** {@code host:port} as the clients connect to it. */
    String address() {
        return advertisedHost + ":" + port;
    }

    String listenerEntry() {
        return name + "://" + bindHost + ":" + port;
    }

    String advertisedEntry() {
        return name + "://" + advertisedHost + ":" + port;
    }
}
