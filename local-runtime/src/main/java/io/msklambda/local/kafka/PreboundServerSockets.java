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
 * Server sockets bound on an ephemeral port before the broker is configured, handed to the broker's
 * socket server when it opens the listener of the same name.
 *
 * <p>Why: a KRaft node must know its controller's address up front ({@code controller.quorum.voters}
 * names a host and a port), so the controller listener cannot simply use port 0. Choosing a "free" port
 * and binding it later races with every other process on the machine (parallel builds, a second broker in
 * the same JVM). Binding first and passing the open socket on leaves no window: the port is ours from the
 * moment we learn its number. This is the same technique Kafka's own test kit uses.
 *
 * <p>Listeners that were not pre-bound (the client listener on port 0) are opened the standard way.
 */
final class PreboundServerSockets implements ServerSocketFactory, AutoCloseable {

    private final String host;
    private final Map<String, ServerSocketChannel> unclaimed = new ConcurrentHashMap<>();
    private final Map<String, ServerSocketChannel> all = new ConcurrentHashMap<>();

    PreboundServerSockets(String host) {
        this.host = host;
    }

    /** Binds a socket for {@code listenerName} on an ephemeral port of the host and returns that port. */
    int bind(String listenerName) {
        try {
            ServerSocketChannel channel = ServerSocketFactory.INSTANCE.openServerSocket(
                listenerName, new InetSocketAddress(host, 0), -1, Selectable.USE_DEFAULT_BUFFER_SIZE);
            unclaimed.put(listenerName, channel);
            all.put(listenerName, channel);
            return channel.socket().getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + listenerName + " on " + host, e);
        }
    }

    @Override
    public ServerSocketChannel openServerSocket(String listenerName, InetSocketAddress socketAddress,
                                                int listenBacklogSize, int recvBufferSize) throws IOException {
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
