package io.msklambda.tests.sam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.local.cli.MskLocal;
import io.msklambda.local.sam.SamTemplate;
import io.msklambda.local.up.TemplateNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code events/env.json} (for {@code sam local invoke}'s containers) and {@code events/env-host.json} (for
 * {@code msk-local invoke} on this machine) point the functions at what {@code msk-local up} serves by default.
 */
class EnvVarsFilesIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TEMPLATE = ROOT.resolve("template.yaml");
    private static final CommandLine UP =
            MskLocal.commandLine().getSubcommands().get("up");

    @Test
    void envJsonNamesUpsListenerForContainersAndItsDynamoDbAsContainersReachThem() throws IOException {
        Map<String, Map<String, String>> env = read("env.json");
        String host = upDefault("--docker-host");

        assertThat(env.get("ProducerFunction"))
                .containsEntry("BOOTSTRAP_SERVERS", host + ":" + upDefault("--docker-port"));
        assertThat(env.get("ConsumerFunction"))
                .containsEntry("DYNAMODB_ENDPOINT", "http://" + host + ":" + upDefault("--dynamodb-port"));
    }

    @Test
    void envHostJsonNamesUpsListenerForThisMachineAndItsDynamoDb() throws IOException {
        Map<String, Map<String, String>> env = read("env-host.json");

        assertThat(env.get("ProducerFunction"))
                .containsEntry("BOOTSTRAP_SERVERS", "127.0.0.1:" + upDefault("--kafka-port"));
        assertThat(env.get("ConsumerFunction"))
                .containsEntry("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + upDefault("--dynamodb-port"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"env.json", "env-host.json"})
    void bothConnectAsUpServesByDefaultToTheTablesItCreatesFromTheTemplate(String file) throws IOException {
        Map<String, Map<String, String>> env = read(file);
        TemplateNames names = TemplateNames.of(TEMPLATE, Map.of());

        assertThat(env.get("ProducerFunction")).containsEntry("AUTH_MODE", upDefault("--auth"));
        assertThat(env.get("ConsumerFunction"))
                .containsEntry("AGGREGATES_TABLE", names.aggregatesTable())
                .containsEntry("REJECTS_TABLE", names.rejectsTable());
        assertThat(names).isEqualTo(new TemplateNames("telemetry", "AggregatesTable", "RejectsTable"));
    }

    @Test
    void everyVariableOfEnvJsonIsOneTheTemplateDeclaresForThatFunction() throws IOException {
        // sam local invoke --env-vars overrides only the variables the template declares and drops the others silently
        // (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-using-invoke.html)
        SamTemplate template = SamTemplate.read(TEMPLATE);
        read("env.json")
                .forEach((function, variables) -> assertThat(declared(template, function))
                        .as(function + "'s Environment in template.yaml")
                        .containsAll(variables.keySet()));
    }

    /** The variables a function's Environment names, whatever their values (a Ref may resolve to nothing locally). */
    private static Set<String> declared(SamTemplate template, String function) {
        Map<?, ?> environment = (Map<?, ?>) template.properties(function).get("Environment");
        return ((Map<?, ?>) environment.get("Variables"))
                .keySet().stream().map(String::valueOf).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"invoke", "up"})
    void everyFileTheHelpsExamplesNameExists(String command) {
        String help = MskLocal.commandLine().getSubcommands().get(command).getUsageMessage();
        Matcher file = Pattern.compile("events/[\\w.-]+\\.json").matcher(help);

        assertThat(file.find()).as(help).isTrue();
        do {
            assertThat(ROOT.resolve(file.group())).as(command + " --help").isRegularFile();
        } while (file.find());
    }

    private static String upDefault(String option) {
        return UP.getCommandSpec().findOption(option).defaultValue();
    }

    private static Map<String, Map<String, String>> read(String file) throws IOException {
        return new ObjectMapper()
                .readValue(
                        Files.readString(ROOT.resolve("events").resolve(file)),
                        new TypeReference<Map<String, Map<String, String>>>() {});
    }
}
