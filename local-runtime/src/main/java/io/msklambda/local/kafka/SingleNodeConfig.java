package io.msklambda.local.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

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

import kafka.server.KafkaConfig;

/**
 * The broker configuration of a one-node KRaft cluster that is both broker and controller
 * ({@code process.roles=broker,controller}), listening on 127.0.0.1 only.
 *
 * <p>Every replication factor and min ISR is 1, because a cluster of one node cannot place a second
 * replica: with Kafka's defaults (replication factor 3 for the offsets, transaction and share-state topics)
 * those internal topics could never be created, so no consumer group, transactional producer or share group
 * would ever find a coordinator.
 */
final class SingleNodeConfig {

    static final String HOST = "127.0.0.1";
    static final int NODE_ID = 1;

    /** The listener clients and the broker itself (inter-broker traffic) use. */
    static final String CLIENT_LISTENER = Listener.PLAINTEXT.listenerName;
    /** The KRaft controller's listener, which this node's broker uses to reach its controller. */
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /**
     * Properties this class owns: overriding them would break the single-node layout (a second listener
     * needs its port bound here, a voter list must match the node) or leave data outside the directory
     * that {@code EmbeddedKafka.close()} deletes.
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

    private SingleNodeConfig() {
    }

    /**
     * Builds the configuration.
     *
     * @param dataDirectory   the only log directory, which also holds the metadata log
     * @param controllerPort  the port already bound for {@link #CONTROLLER_LISTENER}
     * @param listeners       the client listeners, {@link Listener#PLAINTEXT} among them
     * @param listenerProperties the secure listeners' own settings (key stores, SASL), by listener prefix
     * @param overrides       extra broker properties, none {@link #RESERVED}; they win over the defaults
     *                        set here
     */
    static KafkaConfig build(Path dataDirectory, int controllerPort, Set<Listener> listeners,
                             Map<String, String> listenerProperties, Map<String, String> overrides) {
        overrides.keySet().forEach(SingleNodeConfig::requireOverridable);
        Properties props = new Properties();
        props.put(KRaftConfigs.PROCESS_ROLES_CONFIG, "broker,controller");
        props.put(KRaftConfigs.NODE_ID_CONFIG, String.valueOf(NODE_ID));
        props.put(ServerLogConfigs.LOG_DIRS_CONFIG, dataDirectory.toString());
        putListeners(props, controllerPort, listeners);
        props.putAll(listenerProperties);
        putSingleReplicaDefaults(props);
        props.put(ServerLogConfigs.AUTO_CREATE_TOPICS_ENABLE_CONFIG, "false");
        // A newly formed group waits this long for more members before its first rebalance (default 3 s);
        // locally there is nothing to wait for.
        props.put(GroupCoordinatorConfig.GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG, "0");
        // The log cleaner allocates its dedupe buffer on the heap when the broker starts: 128 MiB by
        // default. 2 MiB (the minimum is 1 MiB) is plenty for the compacted internal topics of a local run.
        props.put(CleanerConfig.LOG_CLEANER_DEDUPE_BUFFER_SIZE_PROP, String.valueOf(2 * 1024 * 1024));
        props.putAll(overrides);
        return new KafkaConfig(props, false);
    }

    /** @throws IllegalArgumentException if {@code name} is {@link #RESERVED}, naming it and the others */
    static void requireOverridable(String name) {
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("broker property " + name + " is set by the embedded broker "
                + "and cannot be overridden; reserved: " + new TreeSet<>(RESERVED));
        }
    }

    /**
     * The one place listeners are declared, each with its entry in the security protocol map. Port 0 means
     * "any free port": the broker binds it and advertises the port it got. The controller's port is fixed
     * because the quorum voters name it.
     */
    private static void putListeners(Properties props, int controllerPort, Set<Listener> listeners) {
        StringJoiner addresses = new StringJoiner(",");
        StringJoiner protocols = new StringJoiner(",");
        for (Listener listener : listeners) {
            addresses.add(listener.listenerName + "://" + HOST + ":0");
            protocols.add(listener.listenerName + ":" + listener.protocol.name);
        }
        addresses.add(CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        protocols.add(CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put(SocketServerConfigs.LISTENERS_CONFIG, addresses.toString());
        props.put(SocketServerConfigs.LISTENER_SECURITY_PROTOCOL_MAP_CONFIG, protocols.toString());
        props.put(ReplicationConfigs.INTER_BROKER_LISTENER_NAME_CONFIG, CLIENT_LISTENER);
        props.put(KRaftConfigs.CONTROLLER_LISTENER_NAMES_CONFIG, CONTROLLER_LISTENER);
        props.put(QuorumConfig.QUORUM_VOTERS_CONFIG, NODE_ID + "@" + HOST + ":" + controllerPort);
    }

    private static void putSingleReplicaDefaults(Properties props) {
        props.put(ReplicationConfigs.DEFAULT_REPLICATION_FACTOR_CONFIG, "1");
        props.put(ServerLogConfigs.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
        props.put(GroupCoordinatorConfig.OFFSETS_TOPIC_REPLICATION_FACTOR_CONFIG, "1");
        props.put(TransactionLogConfig.TRANSACTIONS_TOPIC_REPLICATION_FACTOR_CONFIG, "1");
        props.put(TransactionLogConfig.TRANSACTIONS_TOPIC_MIN_ISR_CONFIG, "1");
        props.put(ShareCoordinatorConfig.STATE_TOPIC_REPLICATION_FACTOR_CONFIG, "1");
        props.put(ShareCoordinatorConfig.STATE_TOPIC_MIN_ISR_CONFIG, "1");
    }
}
