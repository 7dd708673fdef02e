package io.msklambda.producer.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msklambda.model.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a spec can be wrong fails at parse with an {@link InvalidConfigException} naming {@code PAYLOAD_SPEC}, the
 * spec location as a JSON Pointer and what is allowed. The cases are {@code src/test/resources/spec-errors.jsonl}: one
 * JSON object a line with the case, the pointer and a phrase the message must hold, and the spec.
 */
class PayloadSpecErrorsTest {

    static Stream<Arguments> cases() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (InputStream in = PayloadSpecErrorsTest.class.getResourceAsStream("/spec-errors.jsonl")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text
                    .lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> {
                        try {
                            JsonNode node = mapper.readTree(line);
                            return Arguments.of(
                                    node.get("case").textValue(),
                                    node.get("pointer").textValue(),
                                    node.get("says").textValue(),
                                    node.get("spec").toString());
                        } catch (IOException e) {
                            throw new IllegalStateException(line, e);
                        }
                    })
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aWrongSpecFailsAtParseNamingThePointerAndWhatIsAllowed(String name, String pointer, String says, String spec) {
        assertThatThrownBy(() -> PayloadSpec.parse(spec))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(
                        e -> assertThat(((InvalidConfigException) e).variable()).isEqualTo("PAYLOAD_SPEC"))
                .hasMessageStartingWith("PAYLOAD_SPEC " + pointer + ": ")
                .hasMessageContaining(says);
    }

    @Test
    void textThatIsNotJsonNamesTheLineAndColumn() {
        assertThatThrownBy(() -> PayloadSpec.parse("{\"name\": \"t\",\n \"fields\": {\"a\": 1,}}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("PAYLOAD_SPEC /: text that is not JSON (")
                .hasMessageContaining("at line 2, column");
    }

    @Test
    void aDuplicateMemberIsRefused() {
        assertThatThrownBy(() -> PayloadSpec.parse("{\"name\": \"t\", \"fields\": {\"a\": 1, \"a\": 2}}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void aLocaleFileMissingFromTheClassPathSaysSo() {
        // Faker's providers read en/<provider>.yml; a provider with no such file behaves like one left out of the jar
        assertThatThrownBy(() -> PayloadSpec.parse("{\"name\": \"t\", \"fields\": {\"a\": \"#{Nope.nothing}\"}}"))
                .hasMessageContaining("its locale file is missing from the jar")
                .hasMessageContaining("README.md \"Custom payloads\"");
    }
}
