package io.msklambda.local.kafka;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.fault.LoggingFaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.FaultHandlerFactory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.server.SharedServer;
import scala.Tuple2;

/**
 * One KRaft node in combined mode: a controller and a broker sharing one Raft log, wired the way
 * {@link KafkaRaftServer} wires them, with two differences that matter in-process:
 * <ul>
 *   <li>sockets come from a {@link PreboundServerSockets}, so the controller's port is bound before the
 *       configuration naming it exists, and the broker's bound port can be read back
 *       ({@link KafkaRaftServer} exposes neither its broker nor its socket factory);</li>
 *   <li>a fault reported to the fault handlers, fatal ones included (a controller that fails to start is
 *       one), is logged and raised instead of halting the JVM ({@code Exit.halt}), which would kill the
 *       test runner or the {@code pipeline} command hosting the broker.</li>
 * </ul>
 *
 * <p>{@link SharedServer}, {@link ControllerServer} and {@link BrokerServer} are Kafka internals (Kafka's
 * test kit builds nodes the same way); their constructors change between minor releases. When
 * {@code kafka.version} moves, this class is where compilation breaks: compare with
 * {@code KafkaRaftServer}'s constructor in the new version.
 */
final class CombinedNode {

    private static final Logger LOG = LoggerFactory.getLogger(CombinedNode.class);

    /** Never terminates the process: every fault, fatal or not, is logged at ERROR and returned. */
    private static final FaultHandlerFactory LOG_AND_RAISE = (name, fatal, action) ->
        new LoggingFaultHandler(fatal ? "fatal " + name : name, action);

    private final ControllerServer controller;
    private final BrokerServer broker;

    CombinedNode(KafkaConfig config, PreboundServerSockets sockets) {
        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> storage =
            KafkaRaftServer.initializeLogDirs(config, LOG, "");
        MetaPropertiesEnsemble metaProperties = storage._1();
        Metrics metrics = Server.initializeMetrics(config, Time.SYSTEM, metaProperties.clusterId().get());
        SharedServer shared = new SharedServer(
            config,
            metaProperties,
            Time.SYSTEM,
            metrics,
            CompletableFuture.completedFuture(QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
            QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
            LOG_AND_RAISE,
            sockets);
        this.controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), storage._2());
        this.broker = new BrokerServer(shared);
    }

    /**
     * Starts the controller, then the broker (the broker registers with the controller). Returns once the
     * broker has caught up with the metadata log and been unfenced, i.e. it serves clients.
     */
    void startup() {
        controller.startup();
        broker.startup();
    }

    /** The port the broker bound for {@code listenerName}; meaningful after {@link #startup()}. */
    int boundPort(String listenerName) {
        return broker.boundPort(ListenerName.normalised(listenerName));
    }

    /**
     * Stops the broker first (its controlled shutdown needs the controller), then the controller, and waits
     * for both. Safe on a node whose startup failed part way.
     */
    void shutdown() {
        try {
            broker.shutdown();
            broker.awaitShutdown();
        } finally {
            controller.shutdown();
            controller.awaitShutdown();
        }
    }
}
