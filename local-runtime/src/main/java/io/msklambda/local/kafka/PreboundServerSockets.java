package io.msklambda.local.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.network.Selectable;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.ServerSocketFactory;

/**
 * Server sockets bound before the broker is configured, on an ephemeral port or a fixed one, handed to the
 * broker's socket server when it opens the listener of the same name.
 *
 * <p>Why: a KRaft node must know its controller's address up front ({@code controller.quorum.voters}
 * names a host and a port), so the controller listener cannot simply use port 0. Choosing a "free" port
 * and binding it later races with every other process on the machine (parallel builds, a second broker in
 * the same JVM). Binding first and passing the open socket on leaves no window: the port is ours from the
 * moment we learn its number. This is the same technique Kafka's own test kit uses.
 *
 * <p>A fixed port that is taken fails here, before the broker starts, naming the address.
 *
 * <p>Listeners that were not pre-bound are opened the standard way.
 */
final class PreboundServerSockets implements ServerSocketFactory, AutoCloseable {

    private final Map<String, ServerSocketChannel> unclaimed = new ConcurrentHashMap<>();
    private final Map<String, ServerSocketChannel> all = new ConcurrentHashMap<>();

    /**
     * Binds a socket for {@code listenerName} on {@code host} and returns its port.
     *
     * @param port the port, or 0 for one the OS chooses
     * @throws org.apache.kafka.common.KafkaException naming the address, if it cannot be bound (a fixed port in use)
     */
    int bind(String listenerName, String host, int port) {
        try {
            ServerSocketChannel channel = ServerSocketFactory.INSTANCE.openServerSocket(
                    listenerName, new InetSocketAddress(host, port), -1, Selectable.USE_DEFAULT_BUFFER_SIZE);
            unclaimed.put(listenerName, channel);
            all.put(listenerName, channel);
            return channel.socket().getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + listenerName + " on " + host + ":" + port, e);
        }
    }

    @Override
    public ServerSocketChannel openServerSocket(
            String listenerName, InetSocketAddress socketAddress, int listenBacklogSize, int recvBufferSize)
            throws IOException {
        ServerSocketChannel prebound = unclaimed.remove(listenerName);
        if (prebound != null && prebound.isOpen()) {
            return prebound;
        }
        return ServerSocketFactory.INSTANCE.openServerSocket(
                listenerName, socketAddress, listenBacklogSize, recvBufferSize);
    }

    /** Closes every pre-bound socket; closing one the socket server already closed does nothing. */
    @Override
    public void close() {
        all.forEach((listener, channel) -> Utils.closeQuietly(channel, listener + " server socket"));
        unclaimed.clear();
        all.clear();
    }
}
