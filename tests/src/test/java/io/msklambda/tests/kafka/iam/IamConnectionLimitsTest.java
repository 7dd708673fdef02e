package io.msklambda.tests.kafka.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.Listener;
import io.msklambda.local.kafka.iam.IamConnectionLimits;
import io.msklambda.local.kafka.iam.IamConnectionQuotas;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.kafka.iam.StaticIamCredentials;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.model.ConfigSource;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.KafkaProperties;
import io.msklambda.producer.ProduceReport;
import io.msklambda.producer.ProducerFactory;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.ProducerSettings;
import io.msklambda.producer.PublishFailedException;
import io.msklambda.tests.support.CapturedStderr;
import io.msklambda.tests.support.TestClock;
import io.msklambda.tests.support.TopicContents;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * MSK's limits on IAM connections, on the local broker's IAM listener ({@link IamConnectionLimits}): past a broker's
 * new connections a second, a client is refused with MSK's {@code Too many connects} and gets in once the second has
 * passed; past its open connections, a client waits for one to close. The listener's clock stands still unless a test
 * steps it, so that "within one second" does not depend on how fast this machine is.
 */
class IamConnectionLimitsTest {

    private static final String REGION = "us-east-1";
    private static final LocalPrincipal PRINCIPAL = LocalPrincipal.generate("arn:aws:iam::000000000000:role/producer");
    /** MSK's refusal, after the request id in brackets. */
    private static final String TOO_MANY_CONNECTS = "^\\[[0-9a-f-]{36}\\]: Too many connects$";

    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aClientOverTheBrokersNewConnectionsASecondIsRefusedWithTooManyConnects() throws Exception {
        // Given a broker that lets one new IAM connection in a second, and a client that took this second's
        TestClock clock = TestClock.stopped();
        try (EmbeddedKafka kafka = limited(clock, new IamConnectionLimits(1, 3000))) {
            try (Admin first = Admin.create(client(kafka))) {
                failureOf(first);
            }
            IamConnectionQuotas.Counts before = kafka.iamConnections();

            // When another client connects within the same second
            Throwable refusal;
            try (Admin second = Admin.create(client(kafka))) {
                refusal = failureOf(second);
            }

            // Then it is refused as MSK refuses it, and the broker counted the refusal and let nobody else in
            assertThat(before.admitted()).isEqualTo(1);
            assertThat(refusal).isInstanceOf(SaslAuthenticationException.class);
            assertThat(refusal.getMessage()).matches(TOO_MANY_CONNECTS);
            assertThat(kafka.iamConnections().admitted()).isEqualTo(1);
            assertThat(kafka.iamConnections().refused()).isGreaterThan(before.refused());
        }
    }

    @Test
    void aProducerEnvironmentRefusedAtInitPublishesAtItsNextInvocationOnceTheSecondHasPassed() throws Exception {
        // Given a broker that lets two new IAM connections in a second, both taken, and the producer function's
        // environment made then: its producer's first connection is refused
        TestClock clock = TestClock.stopped();
        try (EmbeddedKafka kafka = limited(clock, new IamConnectionLimits(2, 3000))) {
            kafka.createTopic("orders", 3);
            try (Admin other = Admin.create(client(kafka))) {
                failureOf(other);
            }
            try (ProducerHandler environment = new ProducerHandler(
                    producerSettings(kafka), producerFactory(kafka), Clock.systemUTC(), new SplittableRandom(7))) {

                // When it is invoked within that second, and again once the second has passed
                assertThatThrownBy(() -> invoke(environment))
                        .isInstanceOf(PublishFailedException.class)
                        .hasMessageContaining("authentication failed")
                        .cause()
                        .isInstanceOf(SaslAuthenticationException.class)
                        .extracting(Throwable::getMessage)
                        .asString()
                        .matches(TOO_MANY_CONNECTS);
                clock.step(Duration.ofSeconds(1));
                ProduceReport report = invoke(environment);

                // Then the second invocation of the same environment published, and every record is on the topic
                assertThat(report.failed()).isZero();
                assertThat(report.sent()).isPositive();
                assertThat(TopicContents.readAll(kafka.bootstrapServers(), "orders"))
                        .hasSize((int) report.sent());
                assertThat(kafka.iamConnections().refused()).isPositive();
            }
        }
    }

    @Test
    void aRefusalBurstIsLoggedOnceNotPerConnection() throws Exception {
        // Given a broker whose one new IAM connection of the second is taken, its log captured
        TestClock clock = TestClock.stopped();
        try (CapturedStderr log = CapturedStderr.start();
                EmbeddedKafka kafka = limited(clock, new IamConnectionLimits(1, 3000))) {
            try (Admin first = Admin.create(client(kafka))) {
                failureOf(first);
            }

            // When three more clients are refused, and one gets in once the second has passed (its own later
            // connections may start the next burst)
            for (int i = 0; i < 3; i++) {
                try (Admin refused = Admin.create(client(kafka))) {
                    failureOf(refused);
                }
            }
            long refused = kafka.iamConnections().refused();
            clock.step(Duration.ofSeconds(1));
            try (Admin admitted = Admin.create(client(kafka))) {
                failureOf(admitted);
            }

            // Then the broker said so once when the burst began and once when it ended, with the count
            String logged = log.text();
            String ended = "letting new IAM connections in again; " + refused + " refused with \"Too many connects\"";
            assertThat(refused).isGreaterThanOrEqualTo(3);
            assertThat(logged).contains(ended);
            assertThat(logged.substring(0, logged.indexOf(ended))
                            .lines()
                            .filter(line -> line.contains("refusing new IAM connections")))
                    .hasSize(1);
        }
    }

    @Test
    void aClientPastTheListenersOpenConnectionsWaitsUntilOneCloses() throws Exception {
        // Given a broker whose IAM listener holds 2 connections, both open
        try (EmbeddedKafka kafka = limited(Clock.systemUTC(), new IamConnectionLimits(100, 2))) {
            String[] address = kafka.bootstrapServers(Listener.IAM).split(":");
            List<Socket> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(new Socket(address[0], Integer.parseInt(address[1])));
            }

            // When a client connects, and again once they have closed
            Throwable waited;
            try (Admin waiting = Admin.create(client(kafka))) {
                waited = failureOf(waiting);
            }
            for (Socket socket : held) {
                socket.close();
            }
            Throwable afterwards;
            try (Admin admitted = Admin.create(client(kafka))) {
                afterwards = failureOf(admitted);
            }

            // Then the first attempt found no slot (Kafka's acceptor holds it; no refusal), the second got in
            assertThat(waited).isInstanceOf(TimeoutException.class);
            assertThat(afterwards).isNull();
            assertThat(kafka.iamConnections().refused()).isZero();
        }
    }

    @Test
    void limitsOutsideOneToTheMaximumAreRefusedNamingTheSettingAndTheRange() {
        assertThatThrownBy(() -> new IamConnectionLimits(0, 3000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "IAM connection limit newConnectionsPerSecond is 0; it must be 1 to 100000 (MSK's M5 brokers: "
                                + "100 new connections a second, 3000 open)");
        assertThatThrownBy(() -> new IamConnectionLimits(100, 100_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("IAM connection limit maxConnections is 100001; it must be 1 to 100000");
        assertThatThrownBy(() -> EmbeddedKafka.builder()
                        .iamConnectionLimits(IamConnectionLimits.T3)
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IAM connection limits apply to the IAM listener; add one with iam(region, principals...)");
    }

    private static EmbeddedKafka limited(Clock clock, IamConnectionLimits limits) {
        return EmbeddedKafka.builder()
                .iam(REGION, PRINCIPAL)
                .iamClock(clock)
                .iamConnectionLimits(limits)
                .start();
    }

    /** An IAM client as the functions configure one, with short timeouts: a refused call fails in seconds. */
    private static Map<String, Object> client(EmbeddedKafka kafka) {
        Map<String, Object> props = new HashMap<>(kafka.trustProperties());
        props.putAll(KafkaProperties.authentication(AuthMode.IAM));
        props.putAll(StaticIamCredentials.clientProperties(PRINCIPAL));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(Listener.IAM));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        return props;
    }

    /** What describing the cluster failed with; null if it succeeded. */
    private static Throwable failureOf(Admin admin) throws InterruptedException {
        try {
            admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            return e;
        }
    }

    private static ProducerSettings producerSettings(EmbeddedKafka kafka) {
        return ProducerSettings.from(new ConfigSource(Map.of(
                "BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(Listener.IAM),
                "AUTH_MODE",
                "iam",
                "TOPIC_NAME",
                "orders",
                "BATCH_SIZE",
                "20",
                "BATCH_INTERVAL_MS",
                "200",
                "MAX_RUN_SEC",
                "1")));
    }

    /** The function's own producer properties, with the local cluster's trust and the principal's credentials. */
    private static ProducerFactory producerFactory(EmbeddedKafka kafka) {
        return properties -> {
            Map<String, Object> local = new HashMap<>(properties);
            local.putAll(kafka.trustProperties());
            local.putAll(StaticIamCredentials.clientProperties(PRINCIPAL));
            return new KafkaProducer<>(local);
        };
    }

    private static ProduceReport invoke(ProducerHandler environment) {
        return environment.handleRequest(new ScheduledEvent(), LocalContext.of("ProducerFunction", FUNCTION_TIMEOUT));
    }
}
