package io.msklambda.local.kafka;

import java.nio.file.Path;
import java.util.List;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker of the local cluster ({@code process.roles=broker}), which can be stopped and started again: same
 * id, same log directory, same ports, as a broker host that reboots. Each start builds a new {@link BrokerServer},
 * as a new process would, on the data the last one left.
 *
 * <p>Its listeners' ports are bound once, at the first start (fixed, or port 0 and then kept); a restart binds the
 * same ports again, so the clients' bootstrap list and the cluster's metadata stay right.
 */
final class BrokerNode {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerNode.class);

    private final int id;
    private final Path directory;
    private final PreboundServerSockets sockets = new PreboundServerSockets();
    private final List<BrokerListener> listeners;
    private final KafkaConfig firstConfig;
    private final ClusterConfig cluster;
    private KafkaConfig config;
    private BrokerServer server;
    private boolean closed;

    /** Binds the broker's ports and formats its directory as a node of {@code clusterId}; does not start it. */
    BrokerNode(int id, Path directory, ListenerPorts ports, ClusterConfig cluster, String clusterId) throws Exception {
        this.id = id;
        this.directory = directory;
        this.cluster = cluster;
        try {
            this.listeners = ports.bind(id, sockets);
            this.firstConfig = cluster.broker(id, directory, listeners);
            KRaftStorage.format(firstConfig, clusterId);
        } catch (Exception e) {
            sockets.close();
            throw e;
        }
    }

    int id() {
        return id;
    }

    /** {@code <advertised host>:<port>} of this broker's listener of that name; the same across restarts. */
    String address(String listenerName) {
        return listeners.stream()
                .filter(listener -> listener.name().equals(listenerName))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("broker " + id + " has no listener " + listenerName))
                .address();
    }

    synchronized boolean running() {
        return server != null;
    }

    /**
     * Starts the broker; returns once it has registered with the controller, caught up with the metadata log and
     * been unfenced, i.e. it serves clients. Does nothing if it runs.
     */
    synchronized void startup() {
        if (closed) {
            throw new IllegalStateException("broker " + id + " is closed");
        }
        if (server != null) {
            return;
        }
        config = config == null ? firstConfig : cluster.broker(id, directory, listeners);
        MetaPropertiesEnsemble metaProperties =
                KafkaRaftServer.initializeLogDirs(config, LOG, "")._1();
        BrokerServer broker = new BrokerServer(ControllerNode.sharedServer(config, metaProperties, sockets));
        try {
            broker.startup();
        } catch (RuntimeException e) {
            try {
                broker.shutdown();
                broker.awaitShutdown();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        server = broker;
    }

    /**
     * Stops the broker and waits until it is down; its data stays for the next {@link #startup()}. Does nothing if
     * it is stopped.
     *
     * @param controlled true for a controlled shutdown (leadership moves first), false for a broker that just
     *                   disappears ({@link HardStop})
     */
    synchronized void shutdown(boolean controlled) {
        if (server == null) {
            return;
        }
        if (!controlled) {
            HardStop.disableControlledShutdown(server);
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
    }

    /** Stops the broker if it runs and releases the ports it holds. */
    synchronized void close() {
        closed = true;
        try {
            shutdown(true);
        } finally {
            sockets.close();
        }
    }
}
