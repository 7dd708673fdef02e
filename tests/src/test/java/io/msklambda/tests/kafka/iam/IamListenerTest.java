package io.msklambda.tests.kafka.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.Listener;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.tests.kafka.iam.TestIamClient.Tamper;
import io.msklambda.tests.support.TestClock;
import io.msklambda.tests.support.TopicContents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The local broker's {@code SASL_SSL} listener with {@code AWS_MSK_IAM}, against aws-msk-iam-auth's own client:
 * only a payload signed with a principal's secret, for this cluster's region and service, within its validity,
 * and unchanged since signing, gets in; the principal's name becomes the connection's Kafka principal.
 */
class IamListenerTest {

    private static final String REGION = "us-east-1";
    private static final LocalPrincipal PRODUCER = LocalPrincipal.generate("arn:aws:iam::000000000000:user/producer");
    private static final LocalPrincipal TEMPORARY =
            LocalPrincipal.generateTemporary("arn:aws:sts::000000000000:assumed-role/producer/session");
    private static final TestClock BROKER_CLOCK = TestClock.running();
    /** Everything the broker and the clients log during this class, checked for secrets at the end. */
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    private static PrintStream originalErr;
    private static PrintStream originalOut;
    private static EmbeddedKafka kafka;
    /** The cluster's id, read over the PLAINTEXT listener: what an authenticated client must see too. */
    private static String clusterId;

    @BeforeAll
    static void startBroker() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(new TeeStream(originalErr, LOG), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new TeeStream(originalOut, LOG), true, StandardCharsets.UTF_8));
        kafka = EmbeddedKafka.builder()
                .iam(REGION, PRODUCER, TEMPORARY)
                .iamClock(BROKER_CLOCK)
                .brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .brokerProperty("super.users", "User:ANONYMOUS") // the PLAINTEXT listener, which the broker itself uses
                .start();
        kafka.createTopic("orders", 2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createAcls(List.of(new AclBinding(
                            new ResourcePattern(ResourceType.TOPIC, "orders", PatternType.LITERAL),
                            new AccessControlEntry(
                                    "User:" + PRODUCER.name(), "*", AclOperation.ALL, AclPermissionType.ALLOW))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot grant the producer its topic", e);
        }
    }

    @AfterAll
    static void stopBrokerAndCheckTheLogs() {
        kafka.close();
        System.setErr(originalErr);
        System.setOut(originalOut);
        String log = LOG.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the broker's log of refused clients").contains("AWS_MSK_IAM authentication failed");
        for (LocalPrincipal principal : List.of(PRODUCER, TEMPORARY)) {
            assertThat(log).doesNotContain(principal.secretAccessKey());
        }
        assertThat(log).doesNotContain(TEMPORARY.sessionToken()).doesNotContainPattern("[0-9a-f]{64}");
    }

    @AfterEach
    void resetClock() {
        BROKER_CLOCK.setOffset(Duration.ZERO);
    }

    @Test
    void theRightCredentialsPublishAndReadBackOverSaslSsl() throws Exception {
        Map<String, Object> client = client(PRODUCER, null);
        List<String> sent = IntStream.range(0, 100).mapToObj(i -> "order-" + i).toList();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            for (String value : sent) {
                producer.send(new ProducerRecord<>("orders", value, value)).get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(TopicContents.readAll(client, "orders"))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void temporaryCredentialsAuthenticateWithTheirSessionToken() throws Exception {
        assertThat(clusterIdWith(client(TEMPORARY, null))).isEqualTo(clusterId);
    }

    @Test
    void theAuthenticatedPrincipalIsTheOneKafkasAclsSee() throws Exception {
        // only PRODUCER may write to the topic (startBroker's ACL); TEMPORARY authenticates but is not allowed
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(client(TEMPORARY, null), new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("orders", "k", "v"))
                            .get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    static List<Arguments> refusals() {
        LocalPrincipal wrongSecret = new LocalPrincipal(
                PRODUCER.name(),
                PRODUCER.accessKeyId(),
                LocalPrincipal.generate("x").secretAccessKey(),
                null);
        LocalPrincipal wrongToken = new LocalPrincipal(
                TEMPORARY.name(),
                TEMPORARY.accessKeyId(),
                TEMPORARY.secretAccessKey(),
                LocalPrincipal.generateTemporary("x").sessionToken());
        return List.of(
                Arguments.of("wrong secret", wrongSecret, null, "the signature does not match"),
                Arguments.of(
                        "unknown access key",
                        LocalPrincipal.generate("stranger"),
                        null,
                        "is not a principal of this cluster"),
                Arguments.of(
                        "wrong session token", wrongToken, null, "the session token is missing or not the one issued"),
                Arguments.of(
                        "token dropped",
                        new LocalPrincipal(
                                TEMPORARY.name(), TEMPORARY.accessKeyId(), TEMPORARY.secretAccessKey(), null),
                        null,
                        "the session token is missing or not the one issued"),
                Arguments.of(
                        "payload changed after signing",
                        PRODUCER,
                        new Tamper("x-amz-expires", "900", "899"),
                        "the signature does not match"),
                Arguments.of("other host", PRODUCER, new Tamper("host", null, "b-1.example.com"), "is not this broker"),
                Arguments.of(
                        "wrong region in the scope",
                        PRODUCER,
                        new Tamper("x-amz-credential", REGION, "eu-west-1"),
                        "the credential scope is for region 'eu-west-1'; this cluster is in us-east-1"),
                Arguments.of(
                        "wrong service in the scope",
                        PRODUCER,
                        new Tamper("x-amz-credential", "/kafka-cluster/", "/s3/"),
                        "for service 's3', not kafka-cluster"),
                Arguments.of(
                        "other action",
                        PRODUCER,
                        new Tamper("action", "Connect", "AlterCluster"),
                        "the action is not kafka-cluster:Connect"),
                Arguments.of(
                        "other version",
                        PRODUCER,
                        new Tamper("version", "2020_10_22", "2019_01_01"),
                        "unsupported payload version"),
                Arguments.of("no credentials", null, null, "Failed to find AWS IAM Credentials"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void everythingElseIsRefusedSayingWhy(String name, LocalPrincipal principal, Tamper tamper, String reason) {
        assertThat(failureWith(client(principal, tamper)))
                .isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void anExpiredSignatureIsRefused() {
        BROKER_CLOCK.setOffset(Duration.ofMinutes(16)); // the client signs for 15 minutes

        assertThat(failureWith(client(PRODUCER, null)))
                .isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("the signature expired at");
    }

    @Test
    void aSignatureFromTheFutureIsRefused() {
        BROKER_CLOCK.setOffset(Duration.ofMinutes(-6)); // the client's clock is 6 minutes ahead of the broker's

        assertThat(failureWith(client(PRODUCER, null)))
                .isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("minutes ahead of the broker's clock");
    }

    @Test
    void aSkewWithinFiveMinutesIsTolerated() throws Exception {
        BROKER_CLOCK.setOffset(Duration.ofMinutes(-4));

        assertThat(clusterIdWith(client(PRODUCER, null))).isEqualTo(clusterId);
    }

    private static Map<String, Object> client(LocalPrincipal principal, Tamper tamper) {
        Map<String, Object> props = new HashMap<>(TestIamClient.properties(
                kafka.bootstrapServers(Listener.IAM), kafka.trustProperties(), principal, tamper));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return props;
    }

    private static String clusterIdWith(Map<String, Object> client) throws Exception {
        try (Admin admin = Admin.create(client)) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static Throwable failureWith(Map<String, Object> client) {
        try (Admin admin = Admin.create(client)) {
            admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }
}
