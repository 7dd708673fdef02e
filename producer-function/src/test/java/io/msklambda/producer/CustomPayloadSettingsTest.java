package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.model.ConfigSource;
import io.msklambda.model.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PAYLOAD=custom} with {@code PAYLOAD_SPEC}: inline, a file of the deployment package, or wrong. */
class CustomPayloadSettingsTest {

    @TempDir
    Path taskRoot;

    private static ProducerSettings settings(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("BOOTSTRAP_SERVERS", "b-1.example:9098");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return ProducerSettings.from(new ConfigSource(env));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = CustomPayloadSettingsTest.class.getResourceAsStream("/specs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anInlineSpecNamesTheDefaultTopic() throws IOException {
        ProducerSettings settings = settings("PAYLOAD", "custom", "PAYLOAD_SPEC", "  \n" + fixture("ev.json"));

        assertThat(settings.payload()).isEqualTo(PayloadKind.CUSTOM);
        assertThat(settings.topic()).isEqualTo("ev");
        assertThat(settings.spec())
                .hasValueSatisfying(spec -> assertThat(spec.name()).isEqualTo("ev"));
    }

    @Test
    void theSameSpecInlineOrFromAFileGivesEqualSettings() throws IOException {
        Path file = Files.writeString(taskRoot.resolve("ev.json"), fixture("ev.json"));

        assertThat(settings("PAYLOAD", "custom", "PAYLOAD_SPEC", file.toString()))
                .isEqualTo(settings("PAYLOAD", "custom", "PAYLOAD_SPEC", fixture("ev.json")));
    }

    @Test
    void topicNameStillWins() throws IOException {
        assertThat(settings("PAYLOAD", "custom", "PAYLOAD_SPEC", fixture("ev.json"), "TOPIC_NAME", "fleet")
                        .topic())
                .isEqualTo("fleet");
    }

    @Test
    void aRelativePathIsReadFromTheTaskRoot() throws IOException {
        Files.createDirectories(taskRoot.resolve("specs"));
        Files.writeString(taskRoot.resolve("specs/clicks.json"), fixture("clicks.json"));

        ProducerSettings settings = settings(
                "PAYLOAD", "custom", "PAYLOAD_SPEC", "specs/clicks.json", "LAMBDA_TASK_ROOT", taskRoot.toString());

        assertThat(settings.topic()).isEqualTo("clicks");
    }

    @Test
    void anAbsolutePathIsReadAsIs() throws IOException {
        Path file = Files.writeString(taskRoot.resolve("ev.json"), fixture("ev.json"));

        assertThat(settings("PAYLOAD", "custom", "PAYLOAD_SPEC", file.toString(), "LAMBDA_TASK_ROOT", "/nowhere")
                        .topic())
                .isEqualTo("ev");
    }

    @Test
    void aMissingFileNamesThePathAndTheFourKilobyteLimit() {
        assertThatThrownBy(() -> settings(
                        "PAYLOAD", "custom", "PAYLOAD_SPEC", "specs/ev.json", "LAMBDA_TASK_ROOT", taskRoot.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("PAYLOAD_SPEC='specs/ev.json' is not allowed")
                .hasMessageContaining("there is no file " + taskRoot.resolve("specs/ev.json"))
                .hasMessageContaining("4 KB")
                .hasMessageContaining("https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html");
    }

    @Test
    void customWithoutASpecNamesBoth() {
        assertThatThrownBy(() -> settings("PAYLOAD", "custom"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("PAYLOAD_SPEC is required: PAYLOAD=custom needs PAYLOAD_SPEC, the spec of its records"
                        + " (README.md, \"Custom payloads\")");
    }

    @Test
    void aSpecWithABuiltInPayloadIsRefused() throws IOException {
        assertThatThrownBy(() -> settings("PAYLOAD", "telemetry", "PAYLOAD_SPEC", fixture("ev.json")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("PAYLOAD='telemetry' is not allowed: custom when PAYLOAD_SPEC is set");
    }

    @Test
    void aWrongSpecFailsTheInitNamingItsPointer() {
        assertThatThrownBy(() -> settings(
                        "PAYLOAD", "custom", "PAYLOAD_SPEC", "{\"name\": \"t\", \"fields\": {\"n\": {\"$int\": {}}}}"))
                .hasMessage("PAYLOAD_SPEC /fields/n/$int/min: required: a whole number");
    }

    @Test
    void theGeneratorForCustomSettingsFollowsTheSpec() throws IOException {
        ProducerSettings settings = settings("PAYLOAD", "custom", "PAYLOAD_SPEC", fixture("ev.json"));

        var record =
                RecordGenerator.forSettings(settings, new SplittableRandom(1)).next(Shard.ALL, 0L);

        assertThat(record.topic()).isEqualTo("ev");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).startsWith("{\"vehicle\":{\"id\":\"EV-");
    }
}
