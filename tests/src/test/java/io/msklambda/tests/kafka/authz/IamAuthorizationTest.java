package io.msklambda.tests.kafka.authz;

import static io.msklambda.tests.kafka.authz.Policies.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.Listener;
import io.msklambda.local.kafka.authz.IamPolicy;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.kafka.iam.StaticIamCredentials;
import io.msklambda.tests.support.CapturedStderr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A local cluster with its IAM listener authorizing every request against the principals' IAM policies, reached with
 * aws-msk-iam-auth's own client: what the policies allow works, an explicit Deny or a missing Allow is refused, and
 * the broker's log says which action on which ARN, and why.
 */
class IamAuthorizationTest {

    private static final String REGION = "us-east-1";
    private static final LocalPrincipal PRODUCER =
            LocalPrincipal.generate("arn:aws:iam::000000000000:role/ProducerRole");
    private static final LocalPrincipal DENIED =
            LocalPrincipal.generate("arn:aws:iam::000000000000:role/DeniedProducerRole");
    private static final LocalPrincipal NOT_IDEMPOTENT =
            LocalPrincipal.generate("arn:aws:iam::000000000000:role/NotIdempotentProducerRole");
    private static final LocalPrincipal NOBODY = LocalPrincipal.generate("arn:aws:iam::000000000000:role/NoPolicyRole");
    private static final LocalPrincipal CONSUMER =
            LocalPrincipal.generateTemporary("arn:aws:sts::000000000000:assumed-role/ConsumerRole/local-session");
    private static CapturedStderr log;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startCluster() {
        log = CapturedStderr.start();
        Map<String, List<IamPolicy>> policies = Map.of(
                PRODUCER.name(),
                List.of(Policies.load("producer")),
                DENIED.name(),
                List.of(Policies.load("producer"), Policies.load("deny-orders-write")),
                NOT_IDEMPOTENT.name(),
                List.of(Policies.load("producer-without-idempotence")),
                "arn:aws:iam::000000000000:role/ConsumerRole",
                List.of(Policies.load("consumer")));
        kafka = EmbeddedKafka.builder()
                .iam(REGION, PRODUCER, DENIED, NOT_IDEMPOTENT, NOBODY, CONSUMER)
                .authorization(policies, CLUSTER)
                .start();
        kafka.createTopic("orders", 2);
    }

    @AfterAll
    static void stopCluster() {
        kafka.close();
        log.close();
        String log = log();
        for (LocalPrincipal principal : List.of(PRODUCER, DENIED, NOT_IDEMPOTENT, NOBODY, CONSUMER)) {
            assertThat(log).doesNotContain(principal.secretAccessKey());
        }
        assertThat(log).doesNotContain(CONSUMER.sessionToken());
    }

    @Test
    void aPolicyAllowingConnectDescribeTopicAndWriteDataProduces() throws Exception {
        try (KafkaProducer<String, String> producer = producer(PRODUCER)) {
            producer.send(new ProducerRecord<>("orders", "o-1", "{}")).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDenyOnWriteDataForTheTopicBeatsTheAllow() {
        try (KafkaProducer<String, String> producer = producer(DENIED)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("orders", "o-2", "{}"))
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TopicAuthorizationException.class)
                    .hasMessage("Not authorized to access topics: [orders]");
        }
        assertThat(log())
                .contains("User: " + DENIED.name() + " is not authorized to perform: kafka-cluster:WriteData"
                        + " on resource: " + CLUSTER.topic("orders")
                        + " because denied by statement DenyOrdersWrite in policy deny-orders-write");
    }

    @Test
    void anIdempotentProducerNeedsWriteDataIdempotentlyBesideWriteData() {
        try (KafkaProducer<String, String> producer = producer(NOT_IDEMPOTENT)) {
            // the refusal of InitProducerId fails the send, or send() itself when the refusal came first
            Throwable thrown = catchThrowable(() ->
                    producer.send(new ProducerRecord<>("orders", "o-5", "{}")).get(30, TimeUnit.SECONDS));
            assertThat(Stream.iterate(thrown, Objects::nonNull, Throwable::getCause))
                    .as("the causes of %s", thrown)
                    .anyMatch(ClusterAuthorizationException.class::isInstance);
        }
        assertThat(log())
                .contains("User: " + NOT_IDEMPOTENT.name() + " is not authorized to perform: "
                        + "kafka-cluster:WriteDataIdempotently on resource: " + CLUSTER.cluster()
                        + " because no statement allows it");
    }

    @Test
    void withoutConnectThePrincipalIsRefusedAtAuthenticationAndTheClientIsToldWhy() {
        String refusal = "User: " + NOBODY.name() + " is not authorized to perform: kafka-cluster:Connect"
                + " on resource: " + CLUSTER.cluster() + " because no statement allows it";
        try (KafkaProducer<String, String> producer = producer(NOBODY)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("orders", "o-3", "{}"))
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining(refusal);
        }
        assertThat(log()).contains(refusal + "; refused at authentication");
    }

    @Test
    void aGroupReadNeedsReadDataAndTheGroupActions() throws Exception {
        try (KafkaProducer<String, String> producer = producer(PRODUCER)) {
            producer.send(new ProducerRecord<>("orders", "o-4", "{\"for\":\"readers\"}"))
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = consumer(CONSUMER, "orders-readers")) {
            consumer.subscribe(List.of("orders"));
            List<String> keys = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!keys.contains("o-4") && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> keys.add(record.key()));
            }
            assertThat(keys).contains("o-4");
            consumer.commitSync(Duration.ofSeconds(30));
        }
        try (KafkaConsumer<String, String> consumer = consumer(CONSUMER, "strangers")) {
            consumer.subscribe(List.of("orders"));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
        assertThat(log())
                .contains("User: " + CONSUMER.name() + " is not authorized to perform: "
                        + "kafka-cluster:DescribeGroup on resource: " + CLUSTER.group("strangers")
                        + " because no statement allows it");
    }

    private static KafkaProducer<String, String> producer(LocalPrincipal principal) {
        Map<String, Object> props = client(principal);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(LocalPrincipal principal, String group) {
        Map<String, Object> props = client(principal);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static Map<String, Object> client(LocalPrincipal principal) {
        Map<String, Object> props = new HashMap<>(kafka.trustProperties());
        props.putAll(StaticIamCredentials.clientProperties(principal));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(Listener.IAM));
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        return props;
    }

    private static String log() {
        return log.text();
    }
}
