package io.msklambda.tests.kafka.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.kafka.EmbeddedKafka;
import io.msklambda.local.kafka.iam.IamConnectionLimits;
import io.msklambda.local.kafka.iam.IamConnectionQuotas;
import io.msklambda.local.pipeline.FaultPlan;
import io.msklambda.local.pipeline.Mapping;
import io.msklambda.local.pipeline.Pipeline;
import io.msklambda.local.pipeline.PipelineOptions;
import io.msklambda.local.pipeline.Workload;
import io.msklambda.local.stack.LocalStack;
import io.msklambda.local.stack.Services;
import io.msklambda.local.trigger.StartingPosition;
import io.msklambda.model.ItemsFormat;
import io.msklambda.producer.AuthMode;
import io.msklambda.producer.PayloadKind;
import io.msklambda.tests.support.DynamoDbLocalCredentials;
import io.msklambda.tests.support.LocalServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fan-out of N producer invocations at once, each a new execution environment whose producer opens its
 * connections at init, against the embedded cluster's IAM listener held to MSK's connection limits for the broker
 * size it stands for ({@link IamConnectionLimits#DEFAULT}): the whole pipeline passes with the producer's own
 * settings, and every connection went through the limit.
 */
@ExtendWith(DynamoDbLocalCredentials.class)
class IamFanOutTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {5, 20})
    void theFanOutOfNProducersPassesUnderMsksDefaultConnectionLimits(int concurrency) {
        // Given the pipeline on an embedded one-broker cluster with an IAM listener at its default limits
        String name = "fan-" + concurrency + "-" + UUID.randomUUID().toString().substring(0, 8);
        PipelineOptions options = options(name, concurrency);
        StringWriter out = new StringWriter();
        try (LocalStack stack = LocalStack.start(options.services(), new PrintWriter(out, true))) {
            EmbeddedKafka kafka = stack.kafka().orElseThrow();

            // When N producer invocations start at once
            Pipeline.Outcome outcome = new Pipeline(options).run(new PrintWriter(out, true), stack);

            // Then each one published, the accounts agree, and each producer's connections went through the limit
            IamConnectionQuotas.Counts connections = kafka.iamConnections();
            System.out.printf("fan-out N=%d at %s: %s%n", concurrency, IamConnectionLimits.DEFAULT, connections);
            assertThat(outcome.exitCode()).as(out.toString()).isZero();
            assertThat(outcome.invocations())
                    .hasSize(concurrency)
                    .allSatisfy(invocation ->
                            assertThat(invocation.error()).as(out.toString()).isNull());
            assertThat(outcome.reconciliation().agrees()).isTrue();
            assertThat(connections.admitted()).isGreaterThanOrEqualTo(2L * concurrency);
        }
    }

    private static PipelineOptions options(String name, int concurrency) {
        return new PipelineOptions(
                new Workload(
                        PayloadKind.TELEMETRY,
                        concurrency,
                        Duration.ofSeconds(1),
                        1,
                        1,
                        20,
                        Duration.ofMillis(200),
                        8,
                        ItemsFormat.STRING,
                        42L),
                new Services(
                        name,
                        3,
                        1,
                        null,
                        AuthMode.IAM,
                        SERVICES.dynamoDb().endpoint(),
                        name + "-aggregates",
                        name + "-rejects"),
                new Mapping(5, 100, Duration.ofMillis(200), StartingPosition.TRIM_HORIZON, name + "-group", -1),
                new FaultPlan(List.of(), 0, 0),
                Duration.ofMinutes(1),
                false);
    }
}
