package io.msklambda.tests.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.msklambda.local.sam.SamTemplate;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Intrinsic functions and conditions, resolved as CloudFormation would for the local stack. */
class SamTemplateIntrinsicsTest {

    private static final Path TEMPLATES = Path.of("src/test/resources/templates");
    private static final SamTemplate TEMPLATE = SamTemplate.read(TEMPLATES.resolve("intrinsics.yaml"));

    @Test
    void everyIntrinsicResolvesAsCloudFormationWouldForTheLocalStack() {
        SamTemplate.Function function = TEMPLATE.function("Fn", Map.of());

        assertThat(function.environment())
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        entry("FROM_GLOBALS", "global"),
                        entry("OVERRIDDEN", "own"),
                        entry("IF_TRUE", "dev-with-many-shards"),
                        entry("JOINED_WITHOUT_NO_VALUE", "one,three"),
                        entry("SELECTED", "y"),
                        entry("SELECTED_LIST_PARAMETER", "subnet-2"),
                        entry("JOINED_LIST_PARAMETER", "a.example:9098|b.example:9098"),
                        entry("SUB_STRING", "local-dev-us-east-1-123456789012-${Literal}"),
                        entry(
                                "SUB_WITH_VARIABLES",
                                "arn:aws:kafka:us-east-1:123456789012/Table/arn:aws:sqs:us-east-1:123456789012:Queue"),
                        entry("REF_RESOURCE", "Table"),
                        entry("REF_ALIAS", "Other"),
                        entry("TABLE_ARN", "arn:aws:dynamodb:us-east-1:123456789012:table/Table"),
                        entry("FUNCTION_ARN", "arn:aws:lambda:us-east-1:123456789012:function:Other"),
                        entry("BASE64", "aGVsbG8="),
                        entry("PARTITION", "aws")));
    }

    @Test
    void aFalseConditionRemovesTheValueAndATrueOneKeepsIt() {
        Map<String, String> prod =
                TEMPLATE.function("Fn", Map.of("Stage", "prod")).environment();

        assertThat(prod)
                .containsEntry("IF_NO_VALUE", "prod-only")
                .containsEntry("JOINED_WITHOUT_NO_VALUE", "one,two,three")
                .containsEntry("IF_TRUE", "other");
        assertThat(TEMPLATE.function("Fn", Map.of()).environment()).doesNotContainKey("IF_NO_VALUE");
    }

    @Test
    void valuesOnlyADeployedStackKnowsAreLeftOut() {
        assertThat(TEMPLATE.function("Fn", Map.of()).environment())
                .doesNotContainKeys("NO_DEFAULT", "IMPORTED", "OTHER_ATTRIBUTE");
        assertThat(TEMPLATE.function("Fn", Map.of("ClusterArn", "arn:aws:kafka:us-east-1:123456789012:cluster/c/u"))
                        .environment())
                .containsEntry("NO_DEFAULT", "arn:aws:kafka:us-east-1:123456789012:cluster/c/u");
    }

    @Test
    void theFunctionTakesGlobalsAndItsOwnSettings() {
        SamTemplate.Function dev = TEMPLATE.function("Fn", Map.of());

        assertThat(dev.runtime()).isEqualTo("java21");
        assertThat(dev.timeoutSeconds()).isEqualTo(30);
        assertThat(dev.memoryMb()).isEqualTo(256);
        assertThat(TEMPLATE.function("Fn", Map.of("Stage", "prod")).memoryMb()).isEqualTo(1024);
        assertThat(dev.asyncInvokeConfig()).isEqualTo(new SamTemplate.AsyncInvokeConfig(0, 60));
    }

    @Test
    void anUnknownIntrinsicIsRefusedNamingTheResourceAndProperty() {
        SamTemplate template = SamTemplate.read(TEMPLATES.resolve("unknown-intrinsic.yaml"));

        assertThatThrownBy(() -> template.function("Fn", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "Resources.Fn.Properties.Timeout (Fn::Length): unknown intrinsic function Fn::Length");
    }
}
