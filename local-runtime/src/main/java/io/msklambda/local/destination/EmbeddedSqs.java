package io.msklambda.local.destination;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.concurrent.Future;
import scala.concurrent.duration.FiniteDuration;
import scala.jdk.javaapi.FutureConverters;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An SQS-compatible server in this JVM: ElasticMQ, in memory, over real HTTP on 127.0.0.1, so that the SDK's SQS
 * client goes through its whole HTTP path as it does against SQS. It stands in for the SQS queue an event source
 * mapping names as its on-failure destination.
 *
 * <p>ElasticMQ runs on Apache Pekko. The actor system is made here rather than by ElasticMQ, so that its settings
 * are ours and do not depend on which {@code application.conf} a class path holds first: daemon threads (a program
 * never waits for them to exit), no JVM shutdown hook (the run's own shutdown closes this), logs through slf4j at
 * WARN and nothing on stdout, and no {@code System.exit} on a fatal error in a server the run merely hosts.
 * ElasticMQ's own HTTP settings from its {@code application.conf} are repeated, since SQS clients need them.
 */
public final class EmbeddedSqs implements AutoCloseable {

    /** Queue URLs and ARNs carry this region and account, as SQS's do. */
    public static final String REGION = "us-east-1";

    public static final String ACCOUNT_ID = "000000000000";

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** Requests still in flight at close get this long; a receive waiting for messages would otherwise hold it 20 s. */
    private static final FiniteDuration REQUESTS_END = FiniteDuration.create(1, TimeUnit.SECONDS);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** ElasticMQ registers this bean once per JVM, for the first server, and never unregisters it. */
    private static final String METRICS_BEAN = "org.elasticmq:name=Queues";

    private final ActorSystem actors;
    private final Http.ServerBinding binding;
    private final boolean ownsMetricsBean;
    private final URI endpoint;
    private final SqsClient client;
    private boolean closed;

    private EmbeddedSqs(ActorSystem actors, Http.ServerBinding binding, boolean ownsMetricsBean) {
        this.actors = actors;
        this.binding = binding;
        this.ownsMetricsBean = ownsMetricsBean;
        this.endpoint =
                URI.create("http://" + LOOPBACK + ":" + binding.localAddress().getPort());
        this.client = SqsClients.create(endpoint);
    }

    /** Starts an empty server on an ephemeral port. */
    public static EmbeddedSqs start() {
        return start(0);
    }

    /**
     * Starts an empty server on {@code port} of 127.0.0.1 (0: an ephemeral one).
     *
     * @throws IllegalStateException if it cannot listen there, the port taken for one
     */
    public static EmbeddedSqs start(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("a port is 0 (ephemeral) to 65535: " + port);
        }
        ActorSystem actors = ActorSystem.create("elasticmq", settings(), EmbeddedSqs.class.getClassLoader());
        try {
            synchronized (EmbeddedSqs.class) {
                boolean metricsBeanTaken = metricsBeanRegistered();
                SQSRestServer server = SQSRestServerBuilder.withActorSystem(actors)
                        .withInterface(LOOPBACK)
                        .withPort(port)
                        .withAWSRegion(REGION)
                        .withAWSAccountId(ACCOUNT_ID)
                        .start();
                Http.ServerBinding binding = await(server.startFuture(), START_TIMEOUT);
                return new EmbeddedSqs(actors, binding, !metricsBeanTaken && metricsBeanRegistered());
            }
        } catch (RuntimeException e) {
            try {
                terminate(actors);
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            throw new IllegalStateException(
                    "ElasticMQ did not start on " + LOOPBACK + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint an SQS client overrides its own with. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Creates a standard queue, or finds it if it exists, and returns its URL:
     * {@code http://127.0.0.1:<port>/000000000000/<name>}.
     */
    public String createQueue(String name) {
        return client.createQueue(request -> request.queueName(name)).queueUrl();
    }

    /** A new client for this server ({@link SqsClients#create}); the caller closes it. */
    public SqsClient client() {
        return SqsClients.create(endpoint);
    }

    /**
     * Stops listening, ends the requests in flight (after a second at most) and drops every queue. Idempotent;
     * returns once the server's threads are gone.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        try {
            client.close();
            await(binding.terminate(REQUESTS_END), STOP_TIMEOUT);
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            terminate(actors);
        } catch (RuntimeException e) {
            failure = keep(failure, e);
        }
        if (ownsMetricsBean) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(METRICS_BEAN));
            } catch (JMException e) {
                failure = keep(failure, new IllegalStateException(e));
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Config settings() {
        return ConfigFactory.parseMap(
                        Map.ofEntries(
                                Map.entry("pekko.daemonic", "on"),
                                Map.entry("pekko.jvm-shutdown-hooks", "off"),
                                Map.entry("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off"),
                                Map.entry("pekko.jvm-exit-on-fatal-error", "off"),
                                Map.entry(
                                        "pekko.loggers", java.util.List.of("org.apache.pekko.event.slf4j.Slf4jLogger")),
                                Map.entry("pekko.logging-filter", "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"),
                                Map.entry("pekko.loglevel", "WARNING"),
                                Map.entry("pekko.stdout-loglevel", "OFF"),
                                Map.entry("pekko.log-dead-letters", "off"),
                                Map.entry("pekko.log-dead-letters-during-shutdown", "off"),
                                // ElasticMQ's: SQS clients send an Authorization header Pekko's parser calls illegal; a
                                // receive may
                                // wait 20 s (SQS's maximum) and needs a little more to answer; SQS takes long query
                                // strings.
                                Map.entry("pekko.http.server.parsing.illegal-header-warnings", "off"),
                                Map.entry("pekko.http.server.request-timeout", "21 s"),
                                Map.entry("pekko.http.server.parsing.max-uri-length", "256k")),
                        "EmbeddedSqs")
                .withFallback(ConfigFactory.defaultReference(EmbeddedSqs.class.getClassLoader()));
    }

    private static boolean metricsBeanRegistered() {
        MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
        try {
            return beans.isRegistered(new ObjectName(METRICS_BEAN));
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void terminate(ActorSystem actors) {
        actors.terminate();
        try {
            actors.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ElasticMQ stopped", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "ElasticMQ's actor system did not stop within " + STOP_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static <T> T await(Future<T> future, Duration timeout) {
        try {
            return FutureConverters.asJava(future).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + timeout.toSeconds() + " s", e);
        }
    }

    private static RuntimeException keep(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
