package io.msklambda.tests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.local.cli.MskLocal;
import io.msklambda.local.sam.SamTemplate;
import io.msklambda.local.sam.ScheduleRule;
import io.msklambda.local.schedule.TickEvents;
import io.msklambda.tests.support.DynamoDbLocalCredentials;
import io.msklambda.tests.support.LocalServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code pipeline} runs what template.yaml declares: its settings come from the template unless a flag overrides them,
 * the header says which, and a template-driven run is the flag-driven run with the same values.
 */
@ExtendWith(DynamoDbLocalCredentials.class)
class PipelineTemplateTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    /** The project's template, from the tests module's directory. */
    private static final Path TEMPLATE = Path.of("..", "template.yaml");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SETTING = Pattern.compile("^  (.+?) += (.*)  \\[(.+)]$");

    @Test
    void withNoFlagsEverySettingTheTemplateDeclaresComesFromIt() {
        // When the run is only looked at, from the template's defaults
        Run run = pipeline("--template", TEMPLATE.toString(), "--dry-run");

        // Then the producer, schedule, consumer and mapping are the template's, and the rest AWS's defaults
        assertThat(run.exit()).isZero();
        Map<String, String> template = run.settings().get("template.yaml");
        assertThat(template)
                .containsEntry("PAYLOAD", "telemetry")
                .containsEntry("schedule targets", "1")
                .containsEntry("tick", "1m")
                .containsEntry("MAX_RUN_SEC", "50")
                .containsEntry("BATCH_SIZE", "100")
                .containsEntry("DEVICE_COUNT", "100")
                .containsEntry("TOPIC_NAME", "telemetry")
                .containsEntry("WINDOW_SECONDS", "60")
                .containsEntry("BatchSize", "100")
                .containsEntry("MaximumBatchingWindowInSeconds", "1s")
                .containsEntry("StartingPosition", "TRIM_HORIZON")
                .containsEntry("ConsumerGroupId", "msk-lambda-consumer")
                .containsEntry("producer Timeout", "65s");
        assertThat(run.settings()).doesNotContainKey("flags");
        assertThat(run.settings().get("defaults"))
                .containsEntry("ProvisionedPollerConfig", "on-demand")
                .containsEntry("MaximumRetryAttempts", "-1")
                .containsEntry("OnFailure", "none");
    }

    @Test
    void flagsAndParameterOverridesWinOverTheTemplateAndTheHeaderSaysSo() {
        Run run = pipeline(
                "--template",
                TEMPLATE.toString(),
                "--dry-run",
                "--parameter-overrides",
                "ProducerConcurrency=3",
                "ConsumerBatchSize=500",
                "ConsumerMinimumPollers=1",
                "ConsumerMaximumPollers=2",
                "ConsumerMaximumRetryAttempts=2",
                "--batch-size",
                "250");

        assertThat(run.exit()).isZero();
        assertThat(run.settings().get("template.yaml"))
                .containsEntry("schedule targets", "3")
                .containsEntry("ProvisionedPollerConfig", "provisioned 1-2")
                .containsEntry("MaximumRetryAttempts", "2");
        assertThat(run.settings().get("flags")).containsEntry("BatchSize", "250");
    }

    @Test
    void aTemplateValueOutOfAwsRangeIsRefusedBeforeAnythingStartsNamingWhereItIs() {
        Run run = pipeline(
                "--template",
                TEMPLATE.toString(),
                "--dry-run",
                "--parameter-overrides",
                "ConsumerMaximumRetryAttempts=3");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("ErrorHandlingNeedsProvisionedPollers").doesNotContain("\tat ");
    }

    @Test
    void aStartingTimestampIsRefusedInTheFutureOrWithoutAtTimestamp() {
        Run future = pipeline(
                "--dry-run", "--starting-position", "AT_TIMESTAMP", "--starting-timestamp", "2999-01-01T00:00:00Z");
        Run alone = pipeline("--dry-run", "--starting-timestamp", "2026-01-01T00:00:00Z");

        assertThat(future.exit()).isEqualTo(2);
        assertThat(future.err()).contains("--starting-timestamp 2999-01-01T00:00:00Z: cannot be in the future");
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.err())
                .contains("--starting-timestamp 2026-01-01T00:00:00Z: goes with --starting-position "
                        + "AT_TIMESTAMP only");
    }

    @Test
    void aTemplateDrivenRunIsTheFlagDrivenRunWithTheSameValues() throws Exception {
        // Given the template's settings, and the same values given as flags without a template
        Run fromTemplate = pipeline(
                "--template", TEMPLATE.toString(), "--dry-run", "--parameter-overrides", "ProducerConcurrency=3");
        Run fromFlags = pipeline(
                "--dry-run",
                "--payload",
                "telemetry",
                "--concurrency",
                "3",
                "--tick",
                "1m",
                "--run-seconds",
                "50",
                "--producer-batch-size",
                "100",
                "--producer-batch-interval",
                "1s",
                "--devices",
                "100",
                "--items-format",
                "array",
                "--topic",
                "telemetry",
                "--window-seconds",
                "60",
                "--batch-size",
                "100",
                "--batching-window",
                "1s",
                "--starting-position",
                "TRIM_HORIZON",
                "--consumer-group",
                "msk-lambda-consumer");

        // Then every setting has the same value, the schedule's and the functions' limits aside, and authorization
        // (by the template's roles; a run without one has none)
        Map<String, String> template = merged(fromTemplate.settings());
        Map<String, String> flags = merged(fromFlags.settings());
        template.keySet()
                .removeIf(name -> name.startsWith("schedule ")
                        || name.startsWith("producer ")
                        || name.startsWith("consumer ")
                        || name.equals("schedule")
                        || name.equals("authorization"));
        flags.keySet().retainAll(template.keySet());
        assertThat(flags).isEqualTo(template);

        // And each of the template rule's targets receives what the flag-driven fan-out sends it
        ScheduleRule rule = SamTemplate.read(TEMPLATE)
                .scheduleRules("ProducerFunction", Map.of("ProducerConcurrency", "3"))
                .get(0);
        TickEvents sharded = TickEvents.sharded(3);
        Instant time = Instant.parse("2026-12-01T06:00:00Z");
        for (int target = 0; target < 3; target++) {
            JsonNode deployed = JSON.readTree(rule.targets().get(target).render(rule.scheduledEvent("tick-1", time)));
            JsonNode local = JSON.readTree(sharded.event(target, "tick-1", time));
            assertThat(deployed.get("detail")).isEqualTo(local.get("detail"));
            assertThat(deployed.get("detail-type")).isEqualTo(local.get("detail-type"));
            assertThat(deployed.get("id")).isEqualTo(local.get("id"));
            assertThat(deployed.get("time")).isEqualTo(local.get("time"));
        }
    }

    @Test
    void aTemplateWithAFilterRunsAsAwsWouldRunItAndReconciles() {
        // Given the template with a FilterCriteria on device_id, run on short ticks against the shared services
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> args = new ArrayList<>(List.of(
                "pipeline",
                "--template",
                TEMPLATE.toString(),
                "--parameter-overrides",
                "ProducerConcurrency=2",
                "DeviceCount=6",
                "ConsumerFilterPattern={\"value\":{\"device_id\":[{\"numeric\":[\"<=\",3]}]}}"));
        args.addAll(shortRun(SERVICES, name));

        // When it runs
        Run run = pipeline(args.toArray(String[]::new));

        // Then only devices 1 to 3 reached the consumer; the rest was filtered, counted and committed
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("FilterCriteria [{\"value\":{\"device_id\":[{\"numeric\":[\"<=\",3]}]}}]");
        assertThat(run.out()).containsPattern("reconciliation: OK - .* \\+ filtered [1-9][\\d,]*; 3 of 3 series agree");
    }

    /** A run of a few seconds on {@code services}, with its own topic, tables and group. */
    static List<String> shortRun(LocalServices services, String name) {
        return List.of(
                "--bootstrap-servers",
                services.kafka().bootstrapServers(),
                "--auth",
                "none",
                "--dynamodb-endpoint",
                services.dynamoDb().endpoint().toString(),
                "--topic",
                name,
                "--aggregates-table",
                name + "-aggregates",
                "--rejects-table",
                name + "-rejects",
                "--consumer-group",
                name,
                "--run-seconds",
                "2",
                "--tick",
                "5s",
                "--producer-batch-interval",
                "200ms",
                "--producer-batch-size",
                "20",
                "--window-seconds",
                "5",
                "--batching-window",
                "0s",
                "--seed",
                "7");
    }

    private static Map<String, String> merged(Map<String, Map<String, String>> bySource) {
        Map<String, String> all = new LinkedHashMap<>();
        bySource.values().forEach(all::putAll);
        return all;
    }

    static Run pipeline(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = args.length > 0 && args[0].equals("pipeline") ? args : prepend(args);
        int exit = MskLocal.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(command);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] prepend(String[] args) {
        String[] command = new String[args.length + 1];
        command[0] = "pipeline";
        System.arraycopy(args, 0, command, 1, args.length);
        return command;
    }

    /** A finished command: its exit code and output. */
    record Run(int exit, String out, String err) {

        /** The dry run's settings: by source ("template.yaml", "flags", "defaults"), name to value. */
        Map<String, Map<String, String>> settings() {
            Map<String, Map<String, String>> bySource = new LinkedHashMap<>();
            for (String line : out.lines().toList()) {
                Matcher setting = SETTING.matcher(line);
                if (setting.matches()) {
                    bySource.computeIfAbsent(setting.group(3), key -> new LinkedHashMap<>())
                            .put(setting.group(1), setting.group(2));
                }
            }
            return bySource;
        }
    }
}
