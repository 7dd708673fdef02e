package io.msklambda.tests.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.msklambda.local.lambda.LambdaSerialization;
import io.msklambda.local.sam.SamTemplate;
import io.msklambda.local.sam.ScheduleRule;
import io.msklambda.local.sam.ScheduleTarget;
import io.msklambda.local.sam.TargetInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Schedules that invoke a function, their targets, and the payload each target delivers. */
class SamTemplateScheduleRulesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final SamTemplate SCHEDULES =
            SamTemplate.read(Path.of("src/test/resources/templates/schedules.yaml"));
    private static final Instant TICK = Instant.parse("2026-03-09T21:05:00.123Z");
    private static final String TICK_ARN = "arn:aws:events:us-east-1:123456789012:rule/Tick";

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5})
    void theProducerScheduleHasOneTargetAShardForEachConcurrentProducer(int concurrency) {
        SamTemplate template = SamTemplate.read(ROOT.resolve("template.yaml"));

        List<ScheduleRule> rules =
                template.scheduleRules("ProducerFunction", Map.of("ProducerConcurrency", String.valueOf(concurrency)));

        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.logicalId()).isEqualTo("ProducerSchedule");
            assertThat(rule.expression()).isEqualTo("rate(1 minute)");
            assertThat(rule.enabled()).isTrue();
            assertThat(rule.targets())
                    .extracting(ScheduleTarget::id)
                    .containsExactlyElementsOf(IntStream.range(0, concurrency)
                            .mapToObj(i -> "producer-shard-" + i)
                            .toList());
            assertThat(rule.targets()).allSatisfy(target -> {
                assertThat(target.functionLogicalId()).isEqualTo("ProducerFunction");
                assertThat(target.maximumEventAgeInSeconds()).isEqualTo(60);
            });
            String tick = rule.scheduledEvent("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", TICK);
            for (int shard = 0; shard < concurrency; shard++) {
                ScheduledEvent delivered = LambdaSerialization.fromJson(
                        rule.targets().get(shard).render(tick).getBytes(StandardCharsets.UTF_8), ScheduledEvent.class);
                assertThat(delivered.getDetail()).isEqualTo(Map.of("shard", shard, "shards", concurrency));
                assertThat(delivered.getId()).isEqualTo("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa");
                assertThat(delivered.getDetailType()).isEqualTo("Scheduled Event");
                assertThat(delivered.getSource()).isEqualTo("aws.events");
                assertThat(delivered.getAccount()).isEqualTo("123456789012");
                assertThat(delivered.getRegion()).isEqualTo("us-east-1");
                assertThat(delivered.getTime().getMillis())
                        .isEqualTo(TICK.truncatedTo(ChronoUnit.SECONDS).toEpochMilli());
                assertThat(delivered.getResources())
                        .containsExactly("arn:aws:events:us-east-1:123456789012:rule/ProducerSchedule");
            }
        });
    }

    @Test
    void everyScheduleThatInvokesTheFunctionIsListedWithOnlyItsTargets() {
        List<ScheduleRule> rules = SCHEDULES.scheduleRules("Worker", Map.of());

        assertThat(rules)
                .extracting(ScheduleRule::logicalId, ScheduleRule::expression, ScheduleRule::enabled, ScheduleRule::arn)
                .containsExactly(
                        tuple("Tick", "rate(5 minutes)", true, TICK_ARN),
                        tuple("Paused", "rate(1 day)", false, "arn:aws:events:us-east-1:123456789012:rule/Paused"),
                        tuple(
                                "Once",
                                "at(2030-01-01T00:00:00)",
                                true,
                                "arn:aws:scheduler:us-east-1:123456789012:schedule/default/Once"),
                        tuple(
                                "WorkerHourly",
                                "rate(1 hour)",
                                false,
                                "arn:aws:events:us-east-1:123456789012:rule/WorkerHourly"),
                        tuple(
                                "WorkerNightly",
                                "cron(0 3 * * ? *)",
                                true,
                                "arn:aws:scheduler:us-east-1:123456789012:schedule/default/WorkerNightly"));
        assertThat(rules.get(0).targets())
                .containsExactly(
                        new ScheduleTarget("whole-event", "Worker", new TargetInput.MatchedEvent(), null, null),
                        new ScheduleTarget(
                                "constant", "Worker", new TargetInput.Constant("{\"fixed\":true}"), null, null),
                        new ScheduleTarget("detail-only", "Worker", new TargetInput.Path("$.detail"), null, null),
                        new ScheduleTarget(
                                "transformed",
                                "Worker",
                                rules.get(0).targets().get(3).input(),
                                120,
                                3));
        assertThat(rules.get(3).targets())
                .containsExactly(new ScheduleTarget(
                        "WorkerHourlyLambdaTarget",
                        "Worker",
                        new TargetInput.Constant("{\"source\":\"hourly\"}"),
                        null,
                        null));
        assertThat(rules.get(4).targets())
                .containsExactly(new ScheduleTarget(
                        "WorkerNightly",
                        "Worker",
                        new TargetInput.SchedulerInput("{\"at\":\"<aws.scheduler.scheduled-time>\",\"schedule\":"
                                + "\"<aws.scheduler.schedule-arn>\"}"),
                        null,
                        2));
    }

    @Test
    void aTrueConditionAddsItsRuleAndTarget() {
        List<ScheduleRule> rules = SCHEDULES.scheduleRules("Worker", Map.of("WithExtras", "true"));

        assertThat(rules)
                .extracting(ScheduleRule::logicalId)
                .containsExactly("Tick", "Paused", "Conditional", "Once", "WorkerHourly", "WorkerNightly");
        assertThat(rules.get(0).targets())
                .extracting(ScheduleTarget::id)
                .containsExactly("whole-event", "constant", "detail-only", "transformed", "extra");
    }

    @Test
    void eachTargetDeliversWhatEventBridgeWould() {
        ScheduleRule tick = SCHEDULES.scheduleRules("Worker", Map.of()).get(0);
        String event = tick.scheduledEvent("id-1", TICK);
        String withoutDetail =
                "{\"version\":\"0\",\"id\":\"id-1\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                        + "\"account\":\"123456789012\",\"time\":\"2026-03-09T21:05:00Z\",\"region\":\"us-east-1\","
                        + "\"resources\":[\"" + TICK_ARN + "\"]";

        assertThat(event).isEqualTo(withoutDetail + ",\"detail\":{}}");
        assertThat(tick.targets())
                .extracting(target -> target.render(event))
                .containsExactly(
                        event,
                        "{\"fixed\":true}",
                        "{}",
                        "{\"at\":\"2026-03-09T21:05:00Z\",\"rule\":\"Tick\",\"arns\":[\"" + TICK_ARN
                                + "\"],\"text\":\"tick at "
                                + "2026-03-09T21:05:00Z by " + TICK_ARN
                                + "\", \"missing\":\"\",\"detail\":{},\"original\":"
                                + withoutDetail + "},\"literal\":\"a<b>c\"}");
    }

    @Test
    void aSchedulerTargetFillsInItsContextAttributes() {
        ScheduleRule nightly = SCHEDULES.scheduleRules("Worker", Map.of()).get(4);

        assertThat(nightly.targets().get(0).render(nightly.scheduledEvent("id-2", TICK)))
                .isEqualTo("{\"at\":\"2026-03-09T21:05:00Z\",\"schedule\":"
                        + "\"arn:aws:scheduler:us-east-1:123456789012:schedule/default/WorkerNightly\"}");
    }

    @Test
    void anInputPathThatSelectsNothingFailsRatherThanGuessWhatAwsSends() {
        ScheduleRule paused = SCHEDULES.scheduleRules("Worker", Map.of()).get(1);

        assertThatThrownBy(() -> paused.targets().get(0).render(paused.scheduledEvent("id-3", TICK)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("InputPath $.detail.nothing selects nothing in");
    }

    @Test
    void aJsonPathOutsideEventBridgesSyntaxIsRefused() {
        assertThatThrownBy(() -> new TargetInput.Transformer(Map.of("all", "$.resources[*]"), "<all>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON path $.resources[*] is not one EventBridge takes here");
    }
}
