package io.msklambda.local.kafka;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each broker's client listeners listen: on 127.0.0.1, each on a port the OS chooses unless a first port is
 * fixed (broker i then takes {@code first + i - 1}, as Kafka's own multi-broker quickstarts number them), plus the
 * {@link ExternalListener} if there is one.
 */
final class ListenerPorts {

    private final Set<Listener> listeners;
    private final Map<Listener, Integer> firstPorts;
    private final ExternalListener external;

    /**
     * @throws IllegalArgumentException if a first port is fixed for a listener the cluster does not have, or its
     *                                  brokers' ports would run past 65535
     */
    ListenerPorts(Set<Listener> listeners, Map<Listener, Integer> firstPorts, ExternalListener external, int brokers) {
        firstPorts.forEach((listener, first) -> {
            if (!listeners.contains(listener)) {
                throw new IllegalArgumentException("a port is fixed for the " + listener + " listener, which this "
                        + "cluster does not have; its listeners: " + listeners);
            }
            requireRoom(first, brokers, listener + " listener");
        });
        if (external != null) {
            requireRoom(external.firstPort(), brokers, "external listener");
        }
        this.listeners = Set.copyOf(listeners);
        this.firstPorts = firstPorts.isEmpty() ? Map.of() : new EnumMap<>(firstPorts);
        this.external = external;
    }

    static void requirePort(int port, String what) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(what + " must be 0 (any free port) to 65535: " + port);
        }
    }

    ExternalListener external() {
        return external;
    }

    /** Binds broker {@code id}'s listeners, in the order the cluster's configuration lists them. */
    List<BrokerListener> bind(int id, PreboundServerSockets sockets) {
        List<BrokerListener> bound = new ArrayList<>();
        for (Listener listener : Listener.values()) {
            if (listeners.contains(listener)) {
                int port = sockets.bind(
                        listener.listenerName, ClusterConfig.HOST, port(firstPorts.getOrDefault(listener, 0), id));
                bound.add(new BrokerListener(
                        listener.listenerName, listener.protocol, ClusterConfig.HOST, ClusterConfig.HOST, port));
            }
        }
        if (external != null) {
            int port = sockets.bind(ExternalListener.NAME, external.bindAddress(), port(external.firstPort(), id));
            bound.add(new BrokerListener(
                    ExternalListener.NAME,
                    external.like().protocol,
                    external.bindAddress(),
                    external.advertisedHost(),
                    port));
        }
        return List.copyOf(bound);
    }

    private static int port(int first, int brokerId) {
        return first == 0 ? 0 : first + brokerId - 1;
    }

    private static void requireRoom(int first, int brokers, String what) {
        requirePort(first, "the " + what + "'s first port");
        if (first != 0 && first + brokers - 1 > 65_535) {
            throw new IllegalArgumentException("the " + what + "'s ports " + first + "-" + (first + brokers - 1)
                    + " for " + brokers + " brokers run past 65535");
        }
    }
}
