package io.msklambda.local.kafka;

import io.msklambda.local.kafka.iam.IamConnectionQuotas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster running in this JVM: one KRaft controller and N brokers (1 by default; 3 is what
 * Amazon MSK runs), every listener on 127.0.0.1, on ports the OS chose (or fixed ones, {@link Builder#port}), with
 * the logs in a temporary directory that {@link #close()} deletes. Several clusters can run side by side (in
 * parallel builds, or in one JVM). An {@link ExternalListener} serves clients that reach the brokers by another name.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().brokers(3).start()) {
 *     kafka.createTopic("orders", 3);                  // replication factor 3, min ISR 2
 *     // clients connect to kafka.bootstrapServers(): every broker's address
 *     kafka.stopBroker(2, BrokerStop.HARD);            // the others serve
 *     kafka.startBroker(2);                            // same id, ports and data
 * }
 * }</pre>
 *
 * <p>Topics are never created implicitly ({@code auto.create.topics.enable=false}, as in Amazon MSK's
 * default configuration): a producer writing to a missing topic fails instead of creating a one-partition one.
 * Their replication follows MSK's defaults ({@link ClusterConfig}).
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** How a broker goes down. */
    public enum BrokerStop {
        /** Controlled shutdown: leadership moves to the other brokers first, as in MSK's rolling updates. */
        CONTROLLED,
        /** The broker disappears; the controller fences it when its heartbeats stop ({@link HardStop}). */
        HARD
    }

    /** Most brokers a local cluster may have: each costs threads, sockets and memory in this JVM. */
    public static final int MAX_BROKERS = 9;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REPLICATION_POLL = Duration.ofMillis(250);

    private final ClusterNodes nodes;
    private final List<BrokerNode> brokers;
    private final ClusterConfig config;
    private final ListenerSecurity security;
    private final ExternalListener external;
    private final Admin admin;
    private final ClusterTopics topics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(
            ClusterNodes nodes, ClusterConfig config, ListenerSecurity security, ExternalListener external) {
        this.nodes = nodes;
        this.brokers = nodes.brokers();
        this.config = config;
        this.security = security;
        this.external = external;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        this.topics = new ClusterTopics(admin);
    }

    /** Starts a one-broker cluster with the default settings; returns once it serves clients. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    /** For more brokers, secure listeners or extra properties. */
    public static EmbeddedKafkaBuilder builder() {
        return new EmbeddedKafkaBuilder();
    }

    /** Every broker's {@code 127.0.0.1:<port>} of the PLAINTEXT listener, for the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers(Listener.PLAINTEXT);
    }

    /**
     * Every broker's {@code 127.0.0.1:<port>} of a listener this cluster was started with, comma-separated, as
     * MSK's bootstrap broker string lists them. A stopped broker stays in the list, as it does on MSK.
     *
     * @throws IllegalStateException if it was started without that listener
     */
    public String bootstrapServers(Listener listener) {
        if (!security.listeners().contains(listener)) {
            throw new IllegalStateException("this cluster has no " + listener + " listener; start it with "
                    + "EmbeddedKafka.builder()." + listener.name().toLowerCase(java.util.Locale.ROOT) + "(...)");
        }
        return addresses(listener.listenerName);
    }

    /**
     * Every broker's {@code <advertised host>:<port>} of the {@link ExternalListener}, comma-separated: the bootstrap
     * list for the clients that reach the brokers by that name.
     *
     * @throws IllegalStateException if it was started without one
     */
    public String externalBootstrapServers() {
        if (external == null) {
            throw new IllegalStateException(
                    "this cluster has no external listener; start it with EmbeddedKafka.builder().external(...)");
        }
        return addresses(ExternalListener.NAME);
    }

    private String addresses(String listenerName) {
        StringJoiner addresses = new StringJoiner(",");
        brokers.forEach(broker -> addresses.add(broker.address(listenerName)));
        return addresses.toString();
    }

    /**
     * The client properties that trust the brokers' TLS certificate ({@code ssl.truststore.type=PEM} and the
     * certificate); empty when the cluster has no TLS or IAM listener.
     */
    public Map<String, String> trustProperties() {
        return security.certificate() == null
                ? Map.of()
                : security.certificate().trustProperties();
    }

    /**
     * What the brokers' IAM listeners did with new connections since the start: let in, or refused past MSK's rate
     * ({@link Builder#iamConnectionLimits}), over every broker.
     *
     * @throws IllegalStateException if the cluster has no IAM listener
     */
    public IamConnectionQuotas.Counts iamConnections() {
        if (security.iamConnections() == null) {
            throw new IllegalStateException(
                    "this cluster has no IAM listener; start it with EmbeddedKafka.builder().iam(...)");
        }
        return security.iamConnections().counts();
    }

    /** The directory holding every node's logs and metadata; {@link #close()} deletes it. */
    public Path dataDirectory() {
        return nodes.dataDirectory();
    }

    /** The brokers' ids, 1..N. */
    public List<Integer> brokerIds() {
        return brokers.stream().map(BrokerNode::id).toList();
    }

    /** Whether broker {@code id} is up. */
    public boolean isRunning(int id) {
        return broker(id).running();
    }

    /** The replication factor of the topics this cluster creates: min(3, brokers). */
    public int replicationFactor() {
        return config.replicationFactor();
    }

    /** {@code min.insync.replicas} of every topic: 2 from three brokers on (MSK's default), else 1. */
    public int minInSyncReplicas() {
        return config.minInSyncReplicas();
    }

    /**
     * Creates a topic with the cluster's {@link #replicationFactor()} and waits until every partition accepts
     * writes, so that the first send does not bounce off {@code UNKNOWN_TOPIC_OR_PARTITION}.
     *
     * @throws KafkaException if the topic exists, the arguments are invalid, or it is not ready in time
     */
    public void createTopic(String name, int partitions) {
        ensureOpen();
        topics.create(name, partitions, (short) config.replicationFactor());
    }

    /** The id of the broker leading a partition; empty while none does (an election under way). */
    public OptionalInt leader(String topic, int partition) {
        int leader = leaders(topic).getOrDefault(partition, ClusterTopics.NO_LEADER);
        return leader == ClusterTopics.NO_LEADER ? OptionalInt.empty() : OptionalInt.of(leader);
    }

    /** Per partition of {@code topic}, the id of the broker leading it, or -1 while none does. */
    public Map<Integer, Integer> leaders(String topic) {
        ensureOpen();
        return topics.leaders(topic);
    }

    /** Partitions, of every topic including the internal ones, whose in-sync replicas are fewer than their replicas. */
    public int underReplicatedPartitions() {
        ensureOpen();
        return topics.underReplicated();
    }

    /**
     * Waits until no partition is under-replicated, as MSK's patching waits before it restarts the next broker.
     *
     * @return false if some still were after {@code timeout}
     */
    public boolean awaitFullyReplicated(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (underReplicatedPartitions() == 0) {
                    return true;
                }
            } catch (KafkaException e) {
                LOG.debug("replication state not known yet", e);
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep(REPLICATION_POLL);
        }
    }

    /**
     * Stops broker {@code id} and waits until it is down; its data stays. Does nothing if it is stopped.
     *
     * @throws IllegalArgumentException if the cluster has no such broker
     */
    public void stopBroker(int id, BrokerStop how) {
        ensureOpen();
        long startNanos = System.nanoTime();
        broker(id).shutdown(how == BrokerStop.CONTROLLED);
        LOG.info("broker {} stopped ({}) in {} ms", id, how, elapsedMillis(startNanos));
    }

    /**
     * Starts broker {@code id} again, with the same ports and data; returns once it serves clients (it may still
     * be catching up on the partitions it follows). Does nothing if it runs.
     *
     * @throws IllegalArgumentException if the cluster has no such broker
     */
    public void startBroker(int id) {
        ensureOpen();
        long startNanos = System.nanoTime();
        broker(id).startup();
        LOG.info("broker {} started in {} ms", id, elapsedMillis(startNanos));
    }

    /**
     * Stops the brokers, then the controller, then deletes the data directory. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long startNanos = System.nanoTime();
        try {
            admin.close(ADMIN_CLOSE_TIMEOUT);
        } finally {
            nodes.stop();
        }
        LOG.info("Kafka cluster on {} stopped in {} ms", bootstrapServers(), elapsedMillis(startNanos));
    }

    /** Starts the nodes ({@link ClusterNodes}); a start that fails stops what had started and deletes the data. */
    static EmbeddedKafka start(
            int brokerCount, Map<String, String> properties, ListenerSecurity security, ListenerPorts ports) {
        long startNanos = System.nanoTime();
        ClusterNodes nodes = new ClusterNodes(security);
        try {
            ClusterConfig config = nodes.start(brokerCount, properties, ports);
            EmbeddedKafka kafka = new EmbeddedKafka(nodes, config, security, ports.external());
            LOG.info(
                    "Kafka {} cluster (KRaft, 1 controller, {} broker{}) ready on {} in {} ms, data in {}",
                    AppInfoParser.getVersion(),
                    brokerCount,
                    brokerCount == 1 ? "" : "s",
                    kafka.bootstrapServers(),
                    elapsedMillis(startNanos),
                    nodes.dataDirectory());
            return kafka;
        } catch (Exception e) {
            try {
                nodes.stop();
            } catch (RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw new KafkaException("the embedded Kafka cluster did not start: " + e.getMessage(), e);
        }
    }

    private BrokerNode broker(int id) {
        if (id < 1 || id > brokers.size()) {
            throw new IllegalArgumentException("no broker " + id + "; this cluster's brokers are " + brokerIds());
        }
        return brokers.get(id - 1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the embedded Kafka cluster on " + bootstrapServers() + " is closed");
        }
    }
}
