package io.msklambda.tests.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.Listener;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.lambda.LocalContext;
import io.msklambda.model.ConfigSource;
import io.msklambda.producer.KafkaProperties;
import io.msklambda.producer.ProduceReport;
import io.msklambda.producer.ProducerFactory;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.ProducerSettings;
import io.msklambda.producer.PublishFailedException;
import io.msklambda.tests.support.Cli;
import io.msklambda.tests.support.TopicContents;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The producer function, unchanged, against the local broker's secure listeners: {@code AUTH_MODE=iam} from the
 * shaded jar in its own JVM with credentials in the standard AWS variables (as Lambda gives them), and
 * {@code AUTH_MODE=tls}. A refused producer fails its invocation saying authentication failed, with 0 sent,
 * within its configured timeouts, and prints no secret.
 */
class ProducerAuthenticationIT {

    private static final String REGION = "us-east-1";
    private static final LocalPrincipal PRINCIPAL =
            LocalPrincipal.generateTemporary("arn:aws:iam::000000000000:role/producer");
    private static EmbeddedKafka kafka;
    private static EmbeddedKafka expiringKafka;

    @BeforeAll
    static void startBrokers() {
        kafka = EmbeddedKafka.builder().iam(REGION, PRINCIPAL).tls().start();
        kafka.createTopic("orders", 3);
        // a broker whose clock is 20 minutes ahead: every signature it sees has expired
        expiringKafka = EmbeddedKafka.builder()
                .iam(REGION, PRINCIPAL)
                .iamClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20)))
                .start();
        expiringKafka.createTopic("orders", 1);
    }

    @AfterAll
    static void stopBrokers() {
        kafka.close();
        expiringKafka.close();
    }

    /** Exit code, and everything the invocation printed. */
    private record Run(int exit, String output) {}

    private static Run invokeOverIam(EmbeddedKafka broker, Path dir, Map<String, String> credentials)
            throws IOException {
        Map<String, String> variables = new HashMap<>(Map.of(
                "BOOTSTRAP_SERVERS",
                broker.bootstrapServers(Listener.IAM),
                "AUTH_MODE",
                "iam",
                "TOPIC_NAME",
                "orders",
                "PAYLOAD",
                "orders",
                "MAX_RUN_SEC",
                "2",
                "BATCH_SIZE",
                "50",
                "BATCH_INTERVAL_MS",
                "500",
                "KAFKA_MAX_BLOCK_MS",
                "4000"));
        variables.putAll(KafkaProperties.variables(broker.trustProperties()));
        variables.putAll(credentials);
        Path envVars = dir.resolve("env.json");
        new ObjectMapper().writeValue(envVars.toFile(), Map.of("ProducerFunction", variables));
        Cli.Run run = Cli.invokeProducer(envVars);
        String printed = run.out() + run.err();
        assertThat(printed)
                .doesNotContain(PRINCIPAL.secretAccessKey())
                .doesNotContain(PRINCIPAL.sessionToken())
                .doesNotContainPattern("[0-9a-f]{64}")
                .doesNotContain("Task timed out");
        return new Run(run.exit(), printed);
    }

    private static Map<String, String> credentials(String secret, String region) {
        return Map.of(
                "AWS_ACCESS_KEY_ID",
                PRINCIPAL.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY",
                secret,
                "AWS_SESSION_TOKEN",
                PRINCIPAL.sessionToken(),
                "AWS_REGION",
                region);
    }

    @Test
    void withTheRightCredentialsInTheEnvironmentTheJarPublishesOverIam(@TempDir Path dir) throws IOException {
        int before = TopicContents.readAll(kafka.bootstrapServers(), "orders").size();

        Run run = invokeOverIam(kafka, dir, credentials(PRINCIPAL.secretAccessKey(), REGION));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("\"attempted\":(\\d+),\"sent\":\\1,\"failed\":0");
        String sent = run.output().replaceAll("(?s).*\"sent\":(\\d+),.*", "$1");
        assertThat(TopicContents.readAll(kafka.bootstrapServers(), "orders")).hasSize(before + Integer.parseInt(sent));
    }

    @Test
    void aWrongSecretFailsTheInvocationSayingAuthenticationFailedWithNothingSent(@TempDir Path dir) throws IOException {
        Run run = invokeOverIam(
                kafka, dir, credentials(LocalPrincipal.generate("x").secretAccessKey(), REGION));

        assertRefused(run, "the signature does not match");
    }

    @Test
    void aSignatureForAnotherRegionIsRefused(@TempDir Path dir) throws IOException {
        Run run = invokeOverIam(kafka, dir, credentials(PRINCIPAL.secretAccessKey(), "eu-west-1"));

        assertRefused(run, "the credential scope is for region 'eu-west-1'; this cluster is in us-east-1");
    }

    @Test
    void anExpiredSignatureIsRefused(@TempDir Path dir) throws IOException {
        Run run = invokeOverIam(expiringKafka, dir, credentials(PRINCIPAL.secretAccessKey(), REGION));

        assertRefused(run, "the signature expired at");
    }

    @Test
    void missingCredentialsFailTheInvocationSayingSo(@TempDir Path dir) throws IOException {
        Run run = invokeOverIam(
                kafka,
                dir,
                Map.of(
                        "AWS_ACCESS_KEY_ID",
                        "",
                        "AWS_SECRET_ACCESS_KEY",
                        "",
                        "AWS_SESSION_TOKEN",
                        "",
                        "AWS_REGION",
                        REGION,
                        "AWS_SHARED_CREDENTIALS_FILE",
                        dir.resolve("none").toString(),
                        "AWS_CONFIG_FILE",
                        dir.resolve("none").toString()));

        assertRefused(run, "Failed to find AWS IAM Credentials");
    }

    private static void assertRefused(Run run, String reason) {
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output())
                .containsPattern(
                        "\"errorMessage\":\"\\d+ of \\d+ records were not acknowledged \\(sent 0, failed \\d+\\)")
                .contains("authentication failed with the Kafka cluster at 127.0.0.1:")
                .contains("(AUTH_MODE=iam)")
                .contains(reason);
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-event.json", type = ScheduledEvent.class)
    void tlsModePublishesOverTheTlsListenerTrustingTheBrokersCertificate(ScheduledEvent event) {
        Map<String, String> env = new HashMap<>(Map.of(
                "BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(Listener.TLS),
                "AUTH_MODE",
                "tls",
                "TOPIC_NAME",
                "orders",
                "MAX_RUN_SEC",
                "1",
                "BATCH_SIZE",
                "20"));
        env.putAll(KafkaProperties.variables(kafka.trustProperties()));
        int before = TopicContents.readAll(kafka.bootstrapServers(), "orders").size();

        ProduceReport report = invoke(env, event);

        assertThat(report.sent()).isEqualTo(report.attempted()).isPositive();
        assertThat(TopicContents.readAll(kafka.bootstrapServers(), "orders")).hasSize(before + (int) report.sent());
    }

    @ParameterizedTest
    @Event(value = "events/scheduled-event.json", type = ScheduledEvent.class)
    void tlsModeRefusesABrokerItDoesNotTrust(ScheduledEvent event) {
        Map<String, String> env = Map.of(
                "BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(Listener.TLS),
                "AUTH_MODE",
                "tls",
                "TOPIC_NAME",
                "orders",
                "MAX_RUN_SEC",
                "1",
                "KAFKA_MAX_BLOCK_MS",
                "3000");

        assertThatThrownBy(() -> invoke(env, event))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("authentication failed with the Kafka cluster at "
                        + kafka.bootstrapServers(Listener.TLS) + " (AUTH_MODE=tls)")
                .hasMessageContaining("SSL handshake failed")
                .satisfies(e ->
                        assertThat(((PublishFailedException) e).report().sent()).isZero());
    }

    private static ProduceReport invoke(Map<String, String> env, ScheduledEvent event) {
        try (ProducerHandler handler = new ProducerHandler(
                ProducerSettings.from(new ConfigSource(env)),
                ProducerFactory.KAFKA,
                Clock.systemUTC(),
                new SplittableRandom(1))) {
            return handler.handleRequest(
                    event, new LocalContext("ProducerFunction", Duration.ofSeconds(30), 512, System.err));
        }
    }
}
