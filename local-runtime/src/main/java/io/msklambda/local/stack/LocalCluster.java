package io.msklambda.local.stack;

import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.EmbeddedKafkaBuilder;
import io.msklambda.local.kafka.ExternalListener;
import io.msklambda.local.kafka.Listener;
import io.msklambda.local.kafka.authz.Authorization;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.kafka.iam.SigningRegion;
import io.msklambda.local.stack.LocalStack.Client;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.KafkaProperties;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The stack's Kafka cluster: an embedded one, listening the way its clients authenticate, with the principals made up
 * for its IAM listener and their authorization; or a real one, which must answer. Either way with the topic. What it
 * starts goes on the stack's {@link Closer}, so that the stack closes it in reverse order with everything else.
 */
final class LocalCluster {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    final Map<String, Object> clientProperties = new HashMap<>();
    final Map<Client, LocalPrincipal> principals = new EnumMap<>(Client.class);
    Authorization authorization;
    EmbeddedKafka kafka;
    String bootstrapServers;
    String containerBootstrapServers;
    String signingRegion;

    private LocalCluster() {}

    /** Starts (or reaches) the cluster {@code plan} asks for, saying so on {@code out}. */
    static LocalCluster start(LocalStackBuilder plan, Closer resources, PrintWriter out) {
        LocalCluster cluster = new LocalCluster();
        cluster.clientProperties.putAll(KafkaProperties.authentication(plan.auth));
        if (plan.embeddedKafka()) {
            cluster.startEmbedded(plan, resources, out);
        } else {
            cluster.bootstrapServers = plan.bootstrapServers;
            cluster.createTopicIfMissing(plan);
        }
        return cluster;
    }

    private void startEmbedded(LocalStackBuilder plan, Closer resources, PrintWriter out) {
        Listener listener = Listener.of(plan.auth);
        if (plan.listens(AuthMode.IAM)) {
            if (plan.signingRegion != null) {
                signingRegion = plan.signingRegion;
            } else {
                signingRegion = resources.add(SigningRegion.resolve()).region();
            }
            plan.principals.forEach((client, name) -> principals.put(client, LocalPrincipal.generate(name)));
            if (plan.policies != null) {
                authorization = new Authorization(plan.authorizedCluster, plan.policies);
            }
        }
        kafka = resources.add(startBrokers(plan, listener));
        kafka.createTopic(plan.topic, plan.partitions);
        bootstrapServers = kafka.bootstrapServers(listener);
        if (plan.exposure.containerHost() != null) {
            containerBootstrapServers = kafka.externalBootstrapServers();
        }
        clientProperties.putAll(kafka.trustProperties());
        describe(plan, listener, out);
    }

    /** The cluster's lines: where it listens, the topic, who signs in, where its data is. */
    private void describe(LocalStackBuilder plan, Listener listener, PrintWriter out) {
        out.printf(
                "embedded Kafka cluster (KRaft, %d broker%s) at %s (%s), topic %s with %d partitions, "
                        + "replication factor %d, min.insync.replicas %d%n",
                plan.brokers,
                plan.brokers == 1 ? "" : "s",
                bootstrapServers,
                listener,
                plan.topic,
                plan.partitions,
                kafka.replicationFactor(),
                kafka.minInSyncReplicas());
        if (listener == Listener.IAM && principals.containsKey(Client.OPERATOR)) {
            out.printf(
                    "  IAM access control %s%n  other clients (the run itself, your tools) sign in as %s%n",
                    plan.access.describe(), principals.get(Client.OPERATOR).name());
        }
        if (containerBootstrapServers != null) {
            out.printf(
                    "  for containers at %s (listening on %s)%n",
                    containerBootstrapServers, plan.exposure.bindAddress());
        }
        out.printf("  data in %s (deleted at the end, Ctrl-C included)%n", kafka.dataDirectory());
    }

    private EmbeddedKafka startBrokers(LocalStackBuilder plan, Listener listener) {
        EmbeddedKafkaBuilder builder = EmbeddedKafka.builder().brokers(plan.brokers);
        if (plan.listens(AuthMode.TLS)) {
            builder.tls();
        }
        if (plan.listens(AuthMode.IAM)) {
            builder.iam(signingRegion, principals.values().toArray(LocalPrincipal[]::new));
        }
        builder.port(listener, plan.exposure.kafkaPort());
        if (authorization != null) {
            builder.authorization(authorization);
        }
        if (plan.exposure.containerHost() != null) {
            builder.external(new ExternalListener(
                    listener,
                    plan.exposure.containerHost(),
                    plan.exposure.bindAddress(),
                    plan.exposure.containerPort()));
        }
        return builder.start();
    }

    private void createTopicIfMissing(LocalStackBuilder plan) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // the whole call, retries included, within the time this says it waited (the client's default is 60 s)
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        Admin admin = Admin.create(config);
        try {
            admin.createTopics(List.of(new NewTopic(plan.topic, Optional.of(plan.partitions), Optional.empty())))
                    .all()
                    .get(ADMIN_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(plan);
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create topic " + plan.topic + " on --bootstrap-servers " + bootstrapServers + ": "
                                + e.getCause().getMessage(),
                        e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw unreachable(plan);
        } finally {
            admin.close(Duration.ZERO); // nothing of ours is pending; do not wait for an unreachable cluster
        }
    }

    private IllegalStateException unreachable(LocalStackBuilder plan) {
        return new IllegalStateException("--bootstrap-servers " + bootstrapServers + " did not answer within "
                + ADMIN_TIMEOUT.toSeconds() + " s (" + plan.auth.name().toLowerCase(Locale.ROOT) + " authentication)");
    }
}
