package io.msklambda.tests.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.msklambda.consumer.AggregatesTable;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.consumer.RejectsTable;
import io.msklambda.local.sam.MskEventSource;
import io.msklambda.local.sam.SamTemplate;
import io.msklambda.local.trigger.FilterCriteria;
import io.msklambda.model.NumberSetting;
import io.msklambda.producer.ProducerSettings;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/** template.yaml, the code and the README say the same things. */
class TemplateConsistencyTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final SamTemplate TEMPLATE = SamTemplate.read(ROOT.resolve("template.yaml"));
    /** Variables the code reads whose value the runtime provides, never the template. */
    private static final Set<String> NOT_FROM_TEMPLATE = Set.of("AWS_REGION");

    private static final String CLUSTER =
            "arn:aws:kafka:us-east-1:123456789012:cluster/orders/0f1e2d3c-aaaa-bbbb-cccc-123456789012-1";
    /** The parameters without a default, as a deployment gives them. */
    private static final Map<String, String> DEPLOYMENT = Map.of(
            "MskClusterArn",
            CLUSTER,
            "BootstrapServers",
            "b-1.orders.kafka.us-east-1.amazonaws.com:9098",
            "SubnetIds",
            "subnet-1,subnet-2",
            "SecurityGroupIds",
            "sg-1");

    @Test
    void theTemplateHasBothFunctions() {
        assertThat(TEMPLATE.functionIds()).containsExactly("ProducerFunction", "ConsumerFunction");
    }

    @Test
    void everyHandlerTakesTheEventItsTriggerSends() throws Exception {
        assertThat(TEMPLATE.function("ConsumerFunction", Map.of()).eventTypes()).containsExactly("MSK");
        assertThat(TEMPLATE.resourceTypes()).containsEntry("ProducerSchedule", "AWS::Events::Rule");
        assertThat(eventType("ProducerFunction")).isEqualTo(ScheduledEvent.class);
        assertThat(eventType("ConsumerFunction")).isEqualTo(KafkaEvent.class);
    }

    @Test
    void everyVariableTheCodeReadsIsSetByTheTemplateOrHasADocumentedDefault() throws IOException {
        Map<String, String> readmeDefaults = readmeDefaults();
        Map<String, Class<?>> settings =
                Map.of("ProducerFunction", ProducerSettings.class, "ConsumerFunction", ConsumerSettings.class);
        settings.forEach((id, type) -> {
            Set<String> read = variables(type);
            Map<String, String> deployment =
                    TEMPLATE.requiredParameters().stream().collect(Collectors.toMap(p -> p, p -> "given-at-deploy"));
            Set<String> set = TEMPLATE.function(id, deployment).environment().keySet();
            for (String variable : read) {
                if (!set.contains(variable)) {
                    assertThat(readmeDefaults)
                            .as(variable + " is not set by the template, so README must give a default")
                            .containsKey(variable);
                    assertThat(readmeDefaults.get(variable)).as(variable).isNotEqualTo("(required)");
                }
            }
            assertThat(read)
                    .as(id + ": every variable the template sets is read by the code")
                    .containsAll(set);
        });
    }

    @Test
    void theLocalTablesHaveTheTemplatesKeys() {
        assertKeys("AggregatesTable", AggregatesTable.createRequest("any"));
        assertKeys("RejectsTable", RejectsTable.createRequest("any"));
    }

    @Test
    void everyDefaultMeetsItsParametersConstraints() {
        assertThat(TEMPLATE.requiredParameters()).containsExactlyInAnyOrderElementsOf(DEPLOYMENT.keySet());

        TEMPLATE.checkParameters(DEPLOYMENT);
    }

    @ParameterizedTest
    @CsvSource({
        "ConsumerMaximumRecordAgeSeconds, -1 60 3600 604800, -2 0 59 604801 1e3",
        "ConsumerMinimumPollers, 1 9 10 99 100 199 200, 0 201 01 -1",
        "ConsumerMaximumPollers, 1 99 100 999 1000 1999 2000, 0 2001 01",
        "ConsumerMaximumRetryAttempts, -1 0 10000, -2 10001",
        "OnFailureDestinationArn, arn:aws:sqs:us-east-1:123456789012:failed arn:aws:sns:eu-west-1:123456789012:failed.fifo "
                + "arn:aws:s3:::failed-batches kafka://orders-failed, arn:aws:lambda:us-east-1:123456789012:function:f "
                + "kafka://.hidden arn:aws:s3:::UPPER"
    })
    void aParametersConstraintsTakeWhatAwsTakesAndNothingElse(String parameter, String accepted, String refused) {
        for (String value : accepted.split(" ")) {
            TEMPLATE.checkParameters(with(DEPLOYMENT, parameter, value));
        }
        for (String value : refused.split(" ")) {
            assertThatThrownBy(() -> TEMPLATE.checkParameters(with(DEPLOYMENT, parameter, value)))
                    .as(parameter + "=" + value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("parameter " + parameter + " is " + value);
        }
    }

    @Test
    void onDemandByDefaultTheTriggerGetsNoProvisionedOnlySetting() {
        MskEventSource trigger =
                TEMPLATE.mskEvent("ConsumerFunction", DEPLOYMENT).orElseThrow();

        assertThat(trigger)
                .isEqualTo(new MskEventSource(
                        "ConsumerFunctionMskTrigger",
                        CLUSTER,
                        List.of("telemetry"),
                        "TRIM_HORIZON",
                        null,
                        100,
                        1,
                        "msk-lambda-consumer",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of()));
    }

    @Test
    void withPollersTheTriggerIsProvisionedAndGetsTheErrorHandlingSettings() {
        Map<String, String> provisioned = with(
                with(with(DEPLOYMENT, "ConsumerMinimumPollers", "2"), "ConsumerMaximumRetryAttempts", "5"),
                "OnFailureDestinationArn",
                "kafka://telemetry-failed");

        MskEventSource trigger =
                TEMPLATE.mskEvent("ConsumerFunction", provisioned).orElseThrow();

        assertThat(trigger)
                .isEqualTo(new MskEventSource(
                        "ConsumerFunctionMskTrigger",
                        CLUSTER,
                        List.of("telemetry"),
                        "TRIM_HORIZON",
                        null,
                        100,
                        1,
                        "msk-lambda-consumer",
                        null,
                        "kafka://telemetry-failed",
                        5,
                        -1,
                        false,
                        null,
                        2,
                        null,
                        null,
                        Map.of()));
        assertThat(TEMPLATE.mskEvent("ConsumerFunction", with(DEPLOYMENT, "ConsumerMaximumPollers", "2000"))
                        .orElseThrow())
                .extracting(
                        MskEventSource::minimumPollers,
                        MskEventSource::maximumPollers,
                        MskEventSource::maximumRetryAttempts)
                .containsExactly(null, 2000, -1);
    }

    @Test
    void errorHandlingSettingsWithoutPollersAreRefusedByTheTemplatesRule() {
        for (String setting : List.of(
                "ConsumerMaximumRetryAttempts=3",
                "ConsumerMaximumRecordAgeSeconds=60",
                "ConsumerBisectBatchOnError=true")) {
            String[] pair = setting.split("=");
            assertThatThrownBy(() -> TEMPLATE.mskEvent("ConsumerFunction", with(DEPLOYMENT, pair[0], pair[1])))
                    .as(setting)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Rules.ErrorHandlingNeedsProvisionedPollers refuses these parameters: "
                            + "ConsumerMaximumRetryAttempts, ConsumerMaximumRecordAgeSeconds and ConsumerBisectBatchOnError "
                            + "need provisioned mode");
        }
    }

    @Test
    void theFilterPatternParameterBecomesTheTriggersOneFilterWhichTheLocalTriggerTakes() {
        String pattern = "{\"value\":{\"device_id\":[{\"numeric\":[\"<\",50]}]}}";

        MskEventSource trigger = TEMPLATE.mskEvent(
                        "ConsumerFunction", with(DEPLOYMENT, "ConsumerFilterPattern", pattern))
                .orElseThrow();

        assertThat(trigger.filterPatterns()).containsExactly(pattern);
        assertThat(FilterCriteria.of(trigger.filterPatterns()).patterns()).containsExactly(pattern);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "arn:aws:sqs:us-east-1:123456789012:failed | {Sid=OnFailureQueue, Effect=Allow, Action=sqs:SendMessage, "
                        + "Resource=arn:aws:sqs:us-east-1:123456789012:failed}",
                "arn:aws:sns:us-east-1:123456789012:failed | {Sid=OnFailureTopic, Effect=Allow, Action=sns:Publish, "
                        + "Resource=arn:aws:sns:us-east-1:123456789012:failed}",
                "arn:aws:s3:::failed-batches | {Sid=OnFailureBucketObjects, Effect=Allow, Action=s3:PutObject, "
                        + "Resource=arn:aws:s3:::failed-batches/*}; {Sid=OnFailureBucket, Effect=Allow, Action=s3:ListBucket, "
                        + "Resource=arn:aws:s3:::failed-batches}",
                "kafka://telemetry-failed | {Sid=OnFailureKafkaTopic, Effect=Allow, Action=[kafka-cluster:DescribeTopic, "
                        + "kafka-cluster:WriteData], Resource=arn:aws:kafka:us-east-1:123456789012:topic/orders/"
                        + "0f1e2d3c-aaaa-bbbb-cccc-123456789012-1/telemetry-failed}"
            })
    void theConsumerRoleMayWriteToItsOnFailureDestinationAndNothingElse(String destination, String statements) {
        Map<String, String> parameters =
                with(with(DEPLOYMENT, "ConsumerMinimumPollers", "1"), "OnFailureDestinationArn", destination);

        List<String> granted = onFailureStatements(parameters);

        assertThat(granted).containsExactly(statements.split("; "));
        assertThat(onFailureStatements(DEPLOYMENT)).isEmpty();
    }

    /**
     * EC2's Describe* actions take no resource-level permissions; the changes are limited to this account and region,
     * and denied to the function's own code (whose requests carry lambda:SourceFunctionArn; Lambda's, managing the
     * network interfaces, do not).
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ProducerRole | FunctionNetworkInterfacesDescribe | [ec2:DescribeNetworkInterfaces, ec2:DescribeSubnets]",
                "ConsumerRole | NetworkInterfacesDescribe | [ec2:DescribeNetworkInterfaces, ec2:DescribeVpcs, "
                        + "ec2:DescribeSubnets, ec2:DescribeSecurityGroups]"
            })
    void networkInterfaceChangesAreThisAccountsAndRegionsAndNotTheFunctionCodes(
            String role, String describeSid, String describeActions) {
        String changes = "[ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:AssignPrivateIpAddresses, "
                + "ec2:UnassignPrivateIpAddresses]";

        List<String> ec2 = statements(role, DEPLOYMENT).stream()
                .filter(statement -> String.valueOf(statement.get("Action")).contains("ec2:"))
                .map(String::valueOf)
                .toList();

        assertThat(ec2)
                .containsExactly(
                        "{Sid=" + describeSid + ", Effect=Allow, Action=" + describeActions + ", Resource=*}",
                        "{Sid=" + describeSid.replace("Describe", "") + ", Effect=Allow, Action=" + changes
                                + ", Resource=arn:aws:ec2:us-east-1:123456789012:*}",
                        "{Sid=NoNetworkInterfaceChangesFromFunctionCode, Effect=Deny, Action=" + changes
                                + ", Resource=*, "
                                + "Condition={ArnLike={lambda:SourceFunctionArn=arn:aws:lambda:us-east-1:123456789012:function:*}}}");
    }

    /** A role's statements, resolved for these parameters. */
    private static List<Map<?, ?>> statements(String role, Map<String, String> parameters) {
        Map<String, Object> properties =
                TEMPLATE.resolvedProperties(role, parameters).orElseThrow();
        Map<?, ?> document =
                (Map<?, ?>) ((Map<?, ?>) ((List<?>) properties.get("Policies")).get(0)).get("PolicyDocument");
        return ((List<?>) document.get("Statement"))
                .stream().map(statement -> (Map<?, ?>) statement).collect(Collectors.toList());
    }

    /** The consumer role's statements for the on-failure destination, as text. */
    private static List<String> onFailureStatements(Map<String, String> parameters) {
        return statements("ConsumerRole", parameters).stream()
                .filter(statement -> String.valueOf(statement.get("Sid")).startsWith("OnFailure"))
                .map(String::valueOf)
                .toList();
    }

    private static Map<String, String> with(Map<String, String> parameters, String name, String value) {
        Map<String, String> changed = new java.util.HashMap<>(parameters);
        changed.put(name, value);
        return changed;
    }

    private static void assertKeys(String logicalId, CreateTableRequest local) {
        Map<String, Object> table = TEMPLATE.properties(logicalId);
        List<String> templateKeys = ((List<?>) table.get("KeySchema"))
                .stream()
                        .map(k -> ((Map<?, ?>) k).get("AttributeName") + ":" + ((Map<?, ?>) k).get("KeyType"))
                        .toList();
        List<String> localKeys = local.keySchema().stream()
                .map(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .toList();
        assertThat(localKeys).as(logicalId).isEqualTo(templateKeys);
        List<String> templateTypes = ((List<?>) table.get("AttributeDefinitions"))
                .stream()
                        .map(a -> ((Map<?, ?>) a).get("AttributeName") + ":" + ((Map<?, ?>) a).get("AttributeType"))
                        .sorted()
                        .toList();
        List<String> localTypes = local.attributeDefinitions().stream()
                .map(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                .sorted()
                .toList();
        assertThat(localTypes).as(logicalId).isEqualTo(templateTypes);
        assertThat(table.get("BillingMode")).isEqualTo(local.billingModeAsString());
    }

    private static Type eventType(String functionId) throws ClassNotFoundException {
        Class<?> handler = Class.forName(TEMPLATE.function(functionId, Map.of()).handlerClass());
        assertThat(Arrays.stream(handler.getConstructors()).anyMatch(c -> c.getParameterCount() == 0))
                .as(handler + " has the no-arg constructor the Lambda runtime calls")
                .isTrue();
        return Arrays.stream(handler.getGenericInterfaces())
                .filter(t -> t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class)
                .map(t -> ((ParameterizedType) t).getActualTypeArguments()[0])
                .findFirst()
                .orElseThrow();
    }

    /** The variable names a settings class declares: its String constants and its NumberSettings. */
    private static Set<String> variables(Class<?> settings) {
        Set<String> names = new TreeSet<>();
        for (Field field : settings.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || !Modifier.isPublic(field.getModifiers())) {
                continue;
            }
            try {
                Object value = field.get(null);
                if (value instanceof NumberSetting setting) {
                    names.add(setting.name());
                } else if (value instanceof String name && name.matches("[A-Z_]+")) {
                    names.add(name);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        names.removeAll(NOT_FROM_TEMPLATE);
        return names;
    }

    /** README's configuration tables: variable to its default column. */
    private static Map<String, String> readmeDefaults() throws IOException {
        Matcher row = Pattern.compile("^\\| `([A-Z_]+)` \\| ([^|]*) \\|", Pattern.MULTILINE)
                .matcher(Files.readString(ROOT.resolve("README.md")));
        Map<String, String> defaults = new java.util.TreeMap<>();
        while (row.find()) {
            defaults.putIfAbsent(row.group(1), row.group(2).trim());
        }
        return defaults.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
