package io.msklambda.local.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.coordinator.group.GroupCoordinatorConfig;
import org.apache.kafka.coordinator.share.ShareCoordinatorConfig;
import org.apache.kafka.coordinator.transaction.TransactionLogConfig;
import org.apache.kafka.network.SocketServerConfigs;
import org.apache.kafka.raft.KRaftConfigs;
import org.apache.kafka.raft.MetadataLogConfig;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.config.ReplicationConfigs;
import org.apache.kafka.server.config.ServerLogConfigs;
import org.apache.kafka.storage.internals.log.CleanerConfig;

/**
 * The configurations of a local KRaft cluster: one controller node ({@code process.roles=controller}) and
 * N broker nodes ({@code process.roles=broker}, ids 1..N), every listener on 127.0.0.1 but an
 * {@link ExternalListener}.
 *
 * <p>Why a separate controller: Amazon MSK runs its KRaft controllers apart from the brokers and out of the
 * user's reach, so stopping or restarting a broker never touches the metadata quorum. Here too a broker can
 * be stopped and started while the controller keeps the cluster's metadata.
 *
 * <p>Replication follows Amazon MSK's defaults for a 3-AZ cluster: replication factor 3 and
 * {@code min.insync.replicas=2} ({@code default.replication.factor}: "3 for clusters in 3 Availability Zones",
 * https://docs.aws.amazon.com/msk/latest/developerguide/msk-default-configuration.html). A smaller cluster
 * cannot place three replicas, so the factor is min(3, N) and the min ISR 2 only from 3 brokers on; the internal
 * topics (offsets, transactions, share state) get the same, or no consumer group could find a coordinator.
 */
final class ClusterConfig {

    static final String HOST = "127.0.0.1";
    /** Broker ids are 1..N, as MSK numbers its brokers; the controller's id is apart from them. */
    static final int CONTROLLER_ID = 3000;
    /** The listener the brokers use among themselves and to which the cluster's own admin client connects. */
    static final String INTER_BROKER_LISTENER = Listener.PLAINTEXT.listenerName;
    /** The KRaft controller's listener, which the brokers use to reach the controller. */
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** MSK's default for 3-AZ clusters; smaller local clusters cannot have it. */
    static final int MAX_REPLICATION_FACTOR = 3;

    /**
     * Properties this class owns: overriding them would break the cluster's layout (a listener needs its port
     * bound here, the voter list must match the controller) or leave data outside the directory that
     * {@code EmbeddedKafka.close()} deletes.
     */
    static final Set<String> RESERVED = Set.of(
            KRaftConfigs.PROCESS_ROLES_CONFIG,
            KRaftConfigs.NODE_ID_CONFIG,
            KRaftConfigs.CONTROLLER_LISTENER_NAMES_CONFIG,
            QuorumConfig.QUORUM_VOTERS_CONFIG,
            QuorumConfig.QUORUM_BOOTSTRAP_SERVERS_CONFIG,
            SocketServerConfigs.LISTENERS_CONFIG,
            SocketServerConfigs.ADVERTISED_LISTENERS_CONFIG,
            SocketServerConfigs.LISTENER_SECURITY_PROTOCOL_MAP_CONFIG,
            ReplicationConfigs.INTER_BROKER_LISTENER_NAME_CONFIG,
            ServerLogConfigs.LOG_DIRS_CONFIG,
            ServerLogConfigs.LOG_DIR_CONFIG,
            MetadataLogConfig.METADATA_LOG_DIR_CONFIG);

    private final int brokers;
    private final int controllerPort;
    private final Map<String, String> listenerProperties;
    private final Map<String, String> overrides;

    /**
     * @param brokers            how many brokers the cluster has
     * @param controllerPort     the port already bound for {@link #CONTROLLER_LISTENER}
     * @param listenerProperties the secure listeners' own settings (key stores, SASL), by listener prefix
     * @param overrides          extra properties for every node, none {@link #RESERVED}; they win over the
     *                           defaults set here
     */
    ClusterConfig(
            int brokers, int controllerPort, Map<String, String> listenerProperties, Map<String, String> overrides) {
        overrides.keySet().forEach(ClusterConfig::requireOverridable);
        this.brokers = brokers;
        this.controllerPort = controllerPort;
        this.listenerProperties = Map.copyOf(listenerProperties);
        this.overrides = Map.copyOf(overrides);
    }

    /** @throws IllegalArgumentException if {@code name} is {@link #RESERVED}, naming it and the others */
    static void requireOverridable(String name) {
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("broker property " + name + " is set by the embedded cluster "
                    + "and cannot be overridden; reserved: " + new TreeSet<>(RESERVED));
        }
    }

    /** The replication factor of every topic this cluster creates: min(3, brokers). */
    int replicationFactor() {
        return Math.min(MAX_REPLICATION_FACTOR, brokers);
    }

    /** 2 with three replicas or more (MSK's default), else 1: a partition must stay writable with one replica down. */
    int minInSyncReplicas() {
        return replicationFactor() >= MAX_REPLICATION_FACTOR ? 2 : 1;
    }

    /** The controller node, with its metadata log in {@code directory}. */
    KafkaConfig controller(Path directory) {
        Properties props = common(CONTROLLER_ID, "controller", directory);
        props.put(SocketServerConfigs.LISTENERS_CONFIG, CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put(SocketServerConfigs.LISTENER_SECURITY_PROTOCOL_MAP_CONFIG, CONTROLLER_LISTENER + ":PLAINTEXT");
        // The controller creates topics, so the default replication factor is its setting (Kafka 4 warns when a
        // broker has it).
        props.put(ReplicationConfigs.DEFAULT_REPLICATION_FACTOR_CONFIG, String.valueOf(replicationFactor()));
        props.putAll(overrides);
        return new KafkaConfig(props, false);
    }

    /**
     * Broker {@code id}, its logs (and its copy of the metadata log) in {@code directory}, with these client
     * listeners, their ports already bound: fixed ports, so that a restarted broker is found where the clients'
     * bootstrap list and the cluster's metadata say it is.
     */
    KafkaConfig broker(int id, Path directory, List<BrokerListener> listeners) {
        Properties props = common(id, "broker", directory);
        StringJoiner bound = new StringJoiner(",");
        StringJoiner advertised = new StringJoiner(",");
        StringJoiner protocols = new StringJoiner(",");
        for (BrokerListener listener : listeners) {
            bound.add(listener.listenerEntry());
            advertised.add(listener.advertisedEntry());
            protocols.add(listener.name() + ":" + listener.protocol().name);
        }
        protocols.add(CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put(SocketServerConfigs.LISTENERS_CONFIG, bound.toString());
        props.put(SocketServerConfigs.ADVERTISED_LISTENERS_CONFIG, advertised.toString());
        props.put(SocketServerConfigs.LISTENER_SECURITY_PROTOCOL_MAP_CONFIG, protocols.toString());
        props.put(ReplicationConfigs.INTER_BROKER_LISTENER_NAME_CONFIG, INTER_BROKER_LISTENER);
        props.putAll(listenerProperties);
        props.putAll(overrides);
        return new KafkaConfig(props, false);
    }

    private Properties common(int nodeId, String role, Path directory) {
        Properties props = new Properties();
        props.put(KRaftConfigs.PROCESS_ROLES_CONFIG, role);
        props.put(KRaftConfigs.NODE_ID_CONFIG, String.valueOf(nodeId));
        props.put(ServerLogConfigs.LOG_DIRS_CONFIG, directory.toString());
        props.put(KRaftConfigs.CONTROLLER_LISTENER_NAMES_CONFIG, CONTROLLER_LISTENER);
        props.put(QuorumConfig.QUORUM_VOTERS_CONFIG, CONTROLLER_ID + "@" + HOST + ":" + controllerPort);
        putReplication(props);
        props.put(ServerLogConfigs.AUTO_CREATE_TOPICS_ENABLE_CONFIG, "false");
        // A newly formed group waits this long for more members before its first rebalance (default 3 s);
        // locally there is nothing to wait for.
        props.put(GroupCoordinatorConfig.GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG, "0");
        // The log cleaner allocates its dedupe buffer on the heap when the node starts: 128 MiB by default.
        // 2 MiB (the minimum is 1 MiB) is plenty for the compacted internal topics of a local run.
        props.put(CleanerConfig.LOG_CLEANER_DEDUPE_BUFFER_SIZE_PROP, String.valueOf(2 * 1024 * 1024));
        // The server's metrics go to one registry per JVM: with several nodes in this one, each would try to
        // register the same JMX names. Nobody reads them over JMX here.
        props.put(JmxReporter.EXCLUDE_CONFIG, ".*");
        return props;
    }

    private void putReplication(Properties props) {
        String factor = String.valueOf(replicationFactor());
        String minIsr = String.valueOf(minInSyncReplicas());
        props.put(ServerLogConfigs.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr);
        props.put(GroupCoordinatorConfig.OFFSETS_TOPIC_REPLICATION_FACTOR_CONFIG, factor);
        props.put(TransactionLogConfig.TRANSACTIONS_TOPIC_REPLICATION_FACTOR_CONFIG, factor);
        props.put(TransactionLogConfig.TRANSACTIONS_TOPIC_MIN_ISR_CONFIG, minIsr);
        props.put(ShareCoordinatorConfig.STATE_TOPIC_REPLICATION_FACTOR_CONFIG, factor);
        props.put(ShareCoordinatorConfig.STATE_TOPIC_MIN_ISR_CONFIG, minIsr);
    }
}
