package io.msklambda.tests.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.Listener;
import io.msklambda.local.kafka.iam.IamConnectionLimits;
import io.msklambda.local.kafka.iam.LocalPrincipal;
import io.msklambda.local.kafka.iam.StaticIamCredentials;
import io.msklambda.local.trigger.Batching;
import io.msklambda.local.trigger.ErrorHandling;
import io.msklambda.local.trigger.KafkaSource;
import io.msklambda.local.trigger.MskTrigger;
import io.msklambda.local.trigger.Pollers;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.local.trigger.TriggerOptions;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.KafkaProperties;
import io.msklambda.tests.support.NumberedRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A broker that refuses new IAM connections over its rate ({@code Too many connects}, as MSK's smaller brokers do at
 * 4 a second) slows the trigger's start; it does not stop it, as an event source mapping keeps polling through it.
 */
class MskTriggerConnectionLimitTest {

    private static final Duration JOIN = Duration.ofSeconds(120);

    @Test
    void theTriggerRidesOutTheBrokersConnectionRateLimitAndDeliversEverything() throws Exception {
        // Given a broker letting in one new IAM connection a second, fewer than the trigger's setup and three
        // pollers open at once, and 30 records on its topic (written over PLAINTEXT, outside the limit)
        LocalPrincipal principal = LocalPrincipal.generate("arn:aws:iam::123456789012:user/trigger");
        try (EmbeddedKafka kafka = EmbeddedKafka.builder()
                .iam("us-east-1", principal)
                .iamConnectionLimits(new IamConnectionLimits(1, 3000))
                .start()) {
            kafka.createTopic("limited", 3);
            NumberedRecords.produce(kafka.bootstrapServers(Listener.PLAINTEXT), "limited", 30, 3, null);
            Map<String, Object> client = new HashMap<>(KafkaProperties.authentication(AuthMode.IAM));
            client.putAll(kafka.trustProperties());
            client.putAll(StaticIamCredentials.clientProperties(principal));
            KafkaSource source = new KafkaSource(
                    kafka.bootstrapServers(Listener.IAM),
                    client,
                    "limited",
                    "limited-group",
                    StartingPosition.TRIM_HORIZON,
                    "arn:aws:kafka:us-east-1:123456789012:cluster/limited/0a1b-1");
            TriggerOptions options = TriggerOptions.of(source, new Batching(10, Duration.ZERO))
                    .withErrors(ErrorHandling.DEFAULT, new Pollers(3, 3), null);
            StringWriter log = new StringWriter();

            // When the trigger starts and then drains
            try (MskTrigger trigger = new MskTrigger(options, event -> null, 0, 1, new PrintWriter(log, true))) {
                Thread thread = new Thread(trigger);
                thread.start();
                assertThat(trigger.awaitAssignment(JOIN)).as(log.toString()).isTrue();
                trigger.stop();
                thread.join(JOIN.toMillis());

                // Then the broker did refuse connections, and the trigger delivered every record, once
                assertThat(kafka.iamConnections().refused())
                        .as("connections refused for the rate")
                        .isPositive();
                assertThat(log.toString()).contains("refused by the broker's IAM connection rate limit");
                assertThat(thread.isAlive()).isFalse();
                assertThat(trigger.failure()).as(log.toString()).isNull();
                assertThat(trigger.delivered().records()).isEqualTo(30);
                assertThat(trigger.delivered().repeats()).isZero();
            }
        }
    }
}
