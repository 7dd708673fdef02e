package io.msklambda.local.kafka;

import java.util.concurrent.CompletableFuture;
import kafka.server.ControllerServer;
import kafka.server.FaultHandlerFactory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.server.SharedServer;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.fault.LoggingFaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The cluster's KRaft controller, a node of its own ({@code process.roles=controller}), wired the way
 * {@link KafkaRaftServer} wires one, with two differences that matter in-process:
 * <ul>
 *   <li>sockets come from a {@link PreboundServerSockets}, so the controller's port is bound before the
 *       configuration naming it exists;</li>
 *   <li>a fault reported to the fault handlers, fatal ones included, is logged and raised instead of halting
 *       the JVM ({@code Exit.halt}), which would kill the test runner or the {@code pipeline} command.</li>
 * </ul>
 *
 * <p>{@link SharedServer}, {@link ControllerServer} and {@code BrokerServer} are Kafka internals (Kafka's test kit
 * builds nodes the same way); their constructors change between minor releases. When {@code kafka.version}
 * moves, this class and {@link BrokerNode} are where compilation breaks: compare with {@code KafkaRaftServer}'s
 * constructor in the new version.
 */
final class ControllerNode {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerNode.class);

    /** Never terminates the process: every fault, fatal or not, is logged at ERROR and returned. */
    static final FaultHandlerFactory LOG_AND_RAISE =
            (name, fatal, action) -> new LoggingFaultHandler(fatal ? "fatal " + name : name, action);

    private final ControllerServer controller;

    ControllerNode(KafkaConfig config, PreboundServerSockets sockets) {
        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> storage = KafkaRaftServer.initializeLogDirs(config, LOG, "");
        this.controller = new ControllerServer(
                sharedServer(config, storage._1(), sockets), KafkaRaftServer.configSchema(), storage._2());
    }

    /** The state a node's roles share (its Raft client, metadata loader), for a node of {@code config}. */
    static SharedServer sharedServer(
            KafkaConfig config, MetaPropertiesEnsemble metaProperties, PreboundServerSockets sockets) {
        Metrics metrics = Server.initializeMetrics(
                config, Time.SYSTEM, metaProperties.clusterId().get());
        return new SharedServer(
                config,
                metaProperties,
                Time.SYSTEM,
                metrics,
                CompletableFuture.completedFuture(
                        QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
                QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
                LOG_AND_RAISE,
                sockets);
    }

    void startup() {
        controller.startup();
    }

    /** Stops the controller and waits for it; safe on a node whose startup failed part way. */
    void shutdown() {
        controller.shutdown();
        controller.awaitShutdown();
    }
}
