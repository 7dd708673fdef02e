package io.msklambda.local.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import kafka.server.KafkaConfig;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Formats a KRaft node's log directories, as {@code kafka-storage.sh format} does: writes
 * {@code meta.properties} (cluster id, node id) and the bootstrap metadata (metadata.version and the other
 * finalized features at their production defaults) that the controller replays on first start.
 *
 * <p>Kafka's {@link Formatter} (module kafka-metadata) is what its own {@code StorageTool} and test kit
 * call. It is not public API: on a Kafka upgrade, compare with {@code StorageTool.runFormatCommand}.
 */
final class KRaftStorage {

    private KRaftStorage() {}

    /**
     * Formats the directories of {@code config} as a node of cluster {@code clusterId}. The quorum is static
     * ({@code controller.quorum.voters}), so no initial voter set is written.
     */
    static void format(KafkaConfig config, String clusterId) throws Exception {
        // The formatter reports each directory it formats on this stream; that is noise here.
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Formatter formatter = new Formatter()
                .setPrintStream(discard)
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setControllerListenerName(ClusterConfig.CONTROLLER_LISTENER)
                .setMetadataLogDirectory(config.metadataLogDir())
                .setHasDynamicQuorum(false);
        config.logDirs().forEach(formatter::addDirectory);
        formatter.run();
    }
}
