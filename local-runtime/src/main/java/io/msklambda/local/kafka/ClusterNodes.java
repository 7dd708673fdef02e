package io.msklambda.local.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;

/**
 * The nodes of an {@link EmbeddedKafka} cluster and what they stand on: the KRaft controller and its prebound
 * sockets, the brokers, and the temporary directory holding their logs. Starts them in the order KRaft needs and
 * stops them in the reverse one, also after a start that failed half-way.
 */
final class ClusterNodes {

    private final Path dataDirectory;
    private final ListenerSecurity security;
    private final PreboundServerSockets controllerSockets;
    private final List<BrokerNode> brokers = new ArrayList<>();
    private ControllerNode controller;

    /** Creates the data directory; nothing runs yet, nothing is bound. */
    ClusterNodes(ListenerSecurity security) {
        this.dataDirectory = createDataDirectory();
        this.controllerSockets = new PreboundServerSockets();
        this.security = security;
    }

    /**
     * Binds every port first, so that a fixed port in use fails the start before any node runs; then starts the
     * controller and the brokers. After a failure, {@link #stop()} cleans up what was started.
     *
     * @return the cluster's configuration, as its nodes run with it
     */
    ClusterConfig start(int brokerCount, Map<String, String> properties, ListenerPorts ports) throws Exception {
        int controllerPort = controllerSockets.bind(ClusterConfig.CONTROLLER_LISTENER, ClusterConfig.HOST, 0);
        Map<String, String> nodeProperties = new LinkedHashMap<>(properties);
        nodeProperties.putAll(security.authorizerProperties());
        ClusterConfig config =
                new ClusterConfig(brokerCount, controllerPort, security.brokerProperties(), nodeProperties);
        String clusterId = Uuid.randomUuid().toString();
        for (int id = 1; id <= brokerCount; id++) {
            brokers.add(new BrokerNode(id, dataDirectory.resolve("broker-" + id), ports, config, clusterId));
        }
        KafkaConfig controllerConfig = config.controller(dataDirectory.resolve("controller"));
        KRaftStorage.format(controllerConfig, clusterId);
        controller = new ControllerNode(controllerConfig, controllerSockets);
        controller.startup();
        startAll(brokers);
        return config;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    List<BrokerNode> brokers() {
        return List.copyOf(brokers);
    }

    /** Brokers register with the controller independently: start them side by side. */
    private static void startAll(List<BrokerNode> brokers) {
        CompletableFuture<?>[] starts = brokers.stream()
                .map(broker -> CompletableFuture.runAsync(broker::startup))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(starts).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Brokers first (their controlled shutdown needs the controller), then the controller, sockets and data. */
    void stop() {
        RuntimeException failure = null;
        for (BrokerNode broker : brokers) {
            try {
                broker.close();
            } catch (RuntimeException e) {
                failure = addTo(failure, e);
            }
        }
        try {
            if (controller != null) {
                controller.shutdown();
            }
        } catch (RuntimeException e) {
            failure = addTo(failure, e);
        } finally {
            security.close();
            controllerSockets.close();
            try {
                Utils.delete(dataDirectory.toFile());
            } catch (IOException e) {
                failure = addTo(
                        failure,
                        new UncheckedIOException("cannot delete the cluster's data directory " + dataDirectory, e));
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException addTo(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private static Path createDataDirectory() {
        try {
            return Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the cluster", e);
        }
    }
}
