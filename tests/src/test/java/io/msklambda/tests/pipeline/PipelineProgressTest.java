package io.msklambda.tests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.msklambda.local.faults.FaultSpec;
import io.msklambda.local.faults.FaultSpec.Kind;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The progress lines of a run whose consumer is blocked from its first second until after the producers are done:
 * DynamoDB Local refuses connections for 12 s of an 8 s producer invocation, so the trigger retries its first batches
 * all that time, then drains. One run on embedded services; each test reads its lines.
 */
class PipelineProgressTest {

    private static final String OUTAGE = "dynamodb-outage@1s/12s";
    private static final Pattern PROGRESS = Pattern.compile(
            "^\\[ *\\d+s] acknowledged +([\\d,]+) \\( *[\\d,]+/s\\)  consumed +([\\d,]+) \\( *[\\d,]+/s\\)"
                    + "  lag +([\\d,]+|\\?)");
    private static final Pattern TIMED = Pattern.compile("^\\[ *\\d+s] ");

    /** A progress line's figures; lag empty when the brokers could not tell it. */
    private record Line(long acknowledged, long consumed, OptionalLong lag) {

        static Line parse(String text) {
            Matcher matcher = PROGRESS.matcher(text);
            assertThat(matcher.find()).as(text).isTrue();
            return new Line(
                    number(matcher.group(1)),
                    number(matcher.group(2)),
                    matcher.group(3).equals("?") ? OptionalLong.empty() : OptionalLong.of(number(matcher.group(3))));
        }

        private static long number(String digits) {
            return Long.parseLong(digits.replace(",", ""));
        }
    }

    private static List<String> output;
    private static Pipeline.Outcome outcome;

    @BeforeAll
    static void runWithTheConsumerBlockedPastTheProducersEnd() {
        String name = "progress";
        Services services =
                new Services(name, 3, 1, null, AuthMode.NONE, null, name + "-aggregates", name + "-rejects");
        PipelineOptions options = new PipelineOptions(
                new Workload(
                        PayloadKind.TELEMETRY,
                        1,
                        Duration.ofSeconds(1),
                        1,
                        8,
                        50,
                        Duration.ofMillis(200),
                        12,
                        ItemsFormat.ARRAY,
                        42L),
                services,
                new Mapping(5, 40, Duration.ofMillis(200), StartingPosition.TRIM_HORIZON, name + "-group", -1),
                new FaultPlan(
                        List.of(new FaultSpec(Kind.DYNAMODB_OUTAGE, Duration.ofSeconds(1), Duration.ofSeconds(12))),
                        0,
                        0),
                Duration.ofMinutes(2),
                false);
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out, true);
        try (LocalStack stack = LocalStack.start(services, writer)) {
            outcome = new Pipeline(options).run(writer, stack);
        }
        output = out.toString().lines().toList();
    }

    @Test
    void aProgressLineIsPrintedEveryIntervalWhileTheTriggerRetriesAFailingBatch() {
        // 12 s of outage at one line every 2 s
        List<Line> duringOutage = progressBetween("fault " + OUTAGE, "healed " + OUTAGE);

        assertThat(duringOutage).as(String.join("\n", output)).hasSizeGreaterThanOrEqualTo(4);
        assertThat(outcome.consumerRetries()).isPositive();
    }

    @Test
    void theLagIsReadFromTheBrokersAndGrowsWhileTheConsumerIsBlockedAndTheProducersRun() {
        List<Line> blockedWhileProducing = progressBetween("fault " + OUTAGE, "producers done");

        assertThat(blockedWhileProducing)
                .as(String.join("\n", output))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(line -> assertThat(line.lag()).isPresent());
        assertThat(blockedWhileProducing
                        .get(blockedWhileProducing.size() - 1)
                        .lag()
                        .getAsLong())
                .isGreaterThan(blockedWhileProducing.get(0).lag().getAsLong());
    }

    @Test
    void acknowledgedRisesDuringTheProducerInvocationBeforeItReturns() {
        long total = outcome.reconciliation().acknowledged();
        List<Long> beforeTheInvocationReturned = progressBetween(null, "producers done").stream()
                .map(Line::acknowledged)
                .toList();

        assertThat(beforeTheInvocationReturned).as(String.join("\n", output)).isSorted();
        assertThat(beforeTheInvocationReturned.stream()
                        .filter(acknowledged -> acknowledged > 0 && acknowledged < total)
                        .distinct())
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void theLinesGoOnWhileTheConsumerDrainsAndTheLastOneHasEverythingConsumedAndNoLag() {
        long total = outcome.reconciliation().acknowledged();
        List<Line> draining = progressBetween("producers done", null);

        assertThat(outcome.exitCode()).as(String.join("\n", output)).isZero();
        assertThat(draining).hasSizeGreaterThanOrEqualTo(3);
        assertThat(draining.get(draining.size() - 1)).isEqualTo(new Line(total, total, OptionalLong.of(0)));
    }

    @Test
    void acknowledgedIsNeverBelowConsumed() {
        assertThat(progressBetween(null, null))
                .as(String.join("\n", output))
                .allSatisfy(line -> assertThat(line.acknowledged()).isGreaterThanOrEqualTo(line.consumed()));
    }

    @Test
    void retriesAndFaultsArePrintedWhenTheyHappenEachOnALineWithTheRunTime() {
        assertThat(output.stream().filter(line -> TIMED.matcher(line).find()).map(line -> line.substring(8)))
                .anySatisfy(line -> assertThat(line).startsWith("fault " + OUTAGE + ": DynamoDB at "))
                .anySatisfy(line -> assertThat(line).matches("trigger: batch of \\d+ \\(.*\\) failed, retrying in .*"))
                .anySatisfy(line ->
                        assertThat(line).matches("trigger: batch of \\d+ \\(.*\\) recovered after \\d+ retries in .*"))
                .anySatisfy(line -> assertThat(line).startsWith("healed " + OUTAGE + ": DynamoDB unreachable"))
                .anySatisfy(line -> assertThat(line)
                        .isEqualTo("producers done: their 1 invocations returned; the trigger delivers the rest"));
    }

    /** The progress lines after the first line containing {@code from} and before the next containing {@code to}. */
    private static List<Line> progressBetween(String from, String to) {
        int start = from == null ? 0 : indexOf(from, 0) + 1;
        int end = to == null ? output.size() : indexOf(to, start);
        return output.subList(start, end).stream()
                .filter(line -> PROGRESS.matcher(line).find())
                .map(Line::parse)
                .toList();
    }

    private static int indexOf(String text, int from) {
        for (int i = from; i < output.size(); i++) {
            if (output.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with \"" + text + "\" in:\n" + String.join("\n", output));
    }
}
