package io.msklambda.local.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.msklambda.local.kafka.iam.IamAuthenticator;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import kafka.server.KafkaConfig;

/**
 * A real Apache Kafka broker running in this JVM: one KRaft node that is both broker and controller,
 * listening on 127.0.0.1 only, on ports the OS chose, with its logs in a temporary directory that
 * {@link #close()} deletes. Several instances can run side by side (in parallel builds, or in one JVM).
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     kafka.createTopic("orders", 3);
 *     // clients connect to kafka.bootstrapServers()
 * }
 * }</pre>
 *
 * <p>Topics are never created implicitly ({@code auto.create.topics.enable=false}, as in Amazon MSK's
 * default configuration): a producer writing to a missing topic fails instead of creating a one-partition one.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration METADATA_POLL_INTERVAL = Duration.ofMillis(20);
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Path dataDirectory;
    private final PreboundServerSockets sockets;
    private final CombinedNode node;
    private final ListenerSecurity security;
    private final Map<Listener, String> bootstrapServers = new EnumMap<>(Listener.class);
    private final Admin admin;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(Path dataDirectory, PreboundServerSockets sockets, CombinedNode node, ListenerSecurity security) {
        this.dataDirectory = dataDirectory;
        this.sockets = sockets;
        this.node = node;
        this.security = security;
        for (Listener listener : security.listeners()) {
            bootstrapServers.put(listener, SingleNodeConfig.HOST + ":" + node.boundPort(listener.listenerName));
        }
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Starts a broker with the default settings; returns once it serves clients. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    /** For a broker with extra properties. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code "127.0.0.1:<port>"} of the PLAINTEXT listener, for the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers.get(Listener.PLAINTEXT);
    }

    /**
     * {@code "127.0.0.1:<port>"} of a listener this broker was started with.
     *
     * @throws IllegalStateException if it was started without that listener
     */
    public String bootstrapServers(Listener listener) {
        String address = bootstrapServers.get(listener);
        if (address == null) {
            throw new IllegalStateException("this broker has no " + listener + " listener; start it with "
                + "EmbeddedKafka.builder()." + listener.name().toLowerCase(java.util.Locale.ROOT) + "(...)");
        }
        return address;
    }

    /**
     * The client properties that trust this broker's TLS certificate ({@code ssl.truststore.type=PEM} and the
     * certificate); empty when it has no TLS or IAM listener.
     */
    public Map<String, String> trustProperties() {
        return security.certificate() == null ? Map.of() : security.certificate().trustProperties();
    }

    /** The directory holding the broker's logs and metadata; {@link #close()} deletes it. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Creates a topic with replication factor 1 and waits until every partition accepts writes, so that
     * the first send does not bounce off {@code UNKNOWN_TOPIC_OR_PARTITION}.
     *
     * @throws KafkaException if the topic exists, the arguments are invalid, or it is not ready in time
     */
    public void createTopic(String name, int partitions) {
        ensureOpen();
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
                .get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
            awaitWritable(name, partitions, deadline);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("topic " + name + " was not ready within " + TOPIC_READY_TIMEOUT, e);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    /**
     * Stops the broker and the controller, then deletes the data directory. Calling it again does nothing.
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
            stop(node, sockets, dataDirectory, security);
        }
        LOG.info("Kafka broker on {} stopped in {} ms", bootstrapServers, elapsedMillis(startNanos));
    }

    private static EmbeddedKafka start(Map<String, String> brokerProperties, ListenerSecurity security) {
        long startNanos = System.nanoTime();
        Path dataDirectory = createDataDirectory();
        PreboundServerSockets sockets = new PreboundServerSockets(SingleNodeConfig.HOST);
        CombinedNode node = null;
        try {
            int controllerPort = sockets.bind(SingleNodeConfig.CONTROLLER_LISTENER);
            KafkaConfig config = SingleNodeConfig.build(dataDirectory, controllerPort, security.listeners(),
                security.brokerProperties(), brokerProperties);
            KRaftStorage.formatNewCluster(config);
            node = new CombinedNode(config, sockets);
            node.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(dataDirectory, sockets, node, security);
            LOG.info("Kafka {} broker (KRaft, broker+controller) ready on {} in {} ms, data in {}",
                AppInfoParser.getVersion(), kafka.bootstrapServers,
                elapsedMillis(startNanos), dataDirectory);
            return kafka;
        } catch (Exception e) {
            try {
                stop(node, sockets, dataDirectory, security);
            } catch (RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw new KafkaException("the embedded Kafka broker did not start", e);
        }
    }

    private static void stop(CombinedNode node, PreboundServerSockets sockets, Path dataDirectory,
                             ListenerSecurity security) {
        try {
            if (node != null) {
                node.shutdown();
            }
        } finally {
            security.close();
            sockets.close();
            try {
                Utils.delete(dataDirectory.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the broker's data directory " + dataDirectory, e);
            }
        }
    }

    private static Path createDataDirectory() {
        try {
            return Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the broker", e);
        }
    }

    /**
     * Creation returns once the controller has committed the topic; the broker learns of it a moment later,
     * from the metadata log, and only then creates the partitions' logs. So: wait until the broker's metadata
     * shows a leader for every partition (polling: the Admin client's offset lookup fails, rather than
     * retries, on a topic the broker does not know yet), then list each partition's latest offset, which only
     * the leader's log answers (the Admin client retries the partition-level "not leader yet" errors itself).
     */
    private void awaitWritable(String name, int partitions, long deadline)
        throws ExecutionException, TimeoutException, InterruptedException {
        while (!everyPartitionHasLeader(name, partitions, deadline)) {
            Thread.sleep(METADATA_POLL_INTERVAL.toMillis());
        }
        Map<TopicPartition, OffsetSpec> latestOfEach = IntStream.range(0, partitions)
            .mapToObj(partition -> new TopicPartition(name, partition))
            .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        admin.listOffsets(latestOfEach).all().get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
    }

    private boolean everyPartitionHasLeader(String name, int partitions, long deadline)
        throws ExecutionException, TimeoutException, InterruptedException {
        try {
            TopicDescription topic = admin.describeTopics(List.of(name)).topicNameValues().get(name)
                .get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
            return topic.partitions().size() == partitions
                && topic.partitions().stream().allMatch(partition -> partition.leader() != null
                    && !partition.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private static long remainingNanos(long deadline) throws TimeoutException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new TimeoutException();
        }
        return remaining;
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the embedded Kafka broker on " + bootstrapServers + " is closed");
        }
    }

    /** Settings for {@link EmbeddedKafka}; each {@code start()} gives a new, empty cluster. */
    public static final class Builder {

        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final Set<Listener> listeners = EnumSet.of(Listener.PLAINTEXT);
        private String iamRegion;
        private final List<LocalPrincipal> iamPrincipals = new ArrayList<>();
        private Clock iamClock = Clock.systemUTC();

        private Builder() {
        }

        /** Adds a {@link Listener#TLS} listener, serving a certificate made at start ({@link #trustProperties()}). */
        public Builder tls() {
            listeners.add(Listener.TLS);
            return this;
        }

        /**
         * Adds an {@link Listener#IAM} listener ({@code SASL_SSL}, mechanism {@code AWS_MSK_IAM}) that lets in
         * clients whose signature checks out against one of these principals, for this region.
         */
        public Builder iam(String region, LocalPrincipal... principals) {
            if (principals.length == 0) {
                throw new IllegalArgumentException("an IAM listener needs at least one principal");
            }
            listeners.add(Listener.IAM);
            iamRegion = region;
            iamPrincipals.addAll(List.of(principals));
            return this;
        }

        /**
         * Adds {@code listener}, whichever it is: for {@link Listener#IAM}, one that lets {@code principal} in,
         * signing for {@code region}; the PLAINTEXT listener is always there.
         */
        public Builder listener(Listener listener, String region, LocalPrincipal principal) {
            return switch (listener) {
                case PLAINTEXT -> this;
                case TLS -> tls();
                case IAM -> iam(region, principal);
            };
        }

        /** The clock the IAM listener judges signature dates and expiry by (the system's by default). */
        public Builder iamClock(Clock clock) {
            iamClock = clock;
            return this;
        }

        /**
         * Sets a broker property (a {@code server.properties} entry), overriding this class's own setting
         * of it. The node's identity, listeners, ports and directories are not settable.
         *
         * @throws IllegalArgumentException if {@code name} is one of those, naming it
         */
        public Builder brokerProperty(String name, String value) {
            SingleNodeConfig.requireOverridable(name);
            brokerProperties.put(name, value);
            return this;
        }

        /** Starts the broker; returns once it serves clients. */
        public EmbeddedKafka start() {
            IamAuthenticator iam = listeners.contains(Listener.IAM)
                ? new IamAuthenticator(iamRegion, ListenerSecurity.hostNames(), iamPrincipals, iamClock) : null;
            return EmbeddedKafka.start(Map.copyOf(brokerProperties), ListenerSecurity.of(listeners, iam));
        }
    }
}
