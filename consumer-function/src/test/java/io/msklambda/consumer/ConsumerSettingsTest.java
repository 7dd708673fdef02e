package io.msklambda.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.model.ConfigSource;
import io.msklambda.model.InvalidConfigException;
import io.msklambda.model.PointerReader;
import io.msklambda.model.PresetObserver;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsumerSettingsTest {

    private static ConsumerSettings settings(String... pairs) {
        Map<String, String> env = new HashMap<>(
                Map.of("AGGREGATES_TABLE", "aggregates", "REJECTS_TABLE", "rejects", "AWS_REGION", "eu-west-1"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return ConsumerSettings.from(new ConfigSource(env));
    }

    @Test
    void defaultsToOneMinuteWindowsAndTheRegionsEndpoint() {
        assertThat(settings())
                .isEqualTo(new ConsumerSettings(
                        "aggregates", "rejects", Duration.ofSeconds(60), "eu-west-1", Optional.empty()));
        assertThat(settings("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000", "WINDOW_SECONDS", "10"))
                .isEqualTo(new ConsumerSettings(
                        "aggregates",
                        "rejects",
                        Duration.ofSeconds(10),
                        "eu-west-1",
                        Optional.of(URI.create("http://127.0.0.1:8000"))));
        assertThat(settings("WRITE_CONCURRENCY", "16").writeConcurrency()).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            WINDOW_SECONDS    | 0          | WINDOW_SECONDS='0' is not allowed: a whole number from 1 to 86400
            WINDOW_SECONDS    | 1m         | WINDOW_SECONDS='1m' is not allowed: a whole number from 1 to 86400
            AGGREGATES_TABLE  | a b        | AGGREGATES_TABLE='a b' is not allowed: a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'
            AWS_REGION        | mars       | AWS_REGION='mars' is not allowed: an AWS region such as us-east-1
            DYNAMODB_ENDPOINT | localhost  | DYNAMODB_ENDPOINT='localhost' is not allowed: an http or https URL such as http://127.0.0.1:8000
            WRITE_CONCURRENCY | 0          | WRITE_CONCURRENCY='0' is not allowed: a whole number from 1 to 64
            DYNAMODB_ENDPOINT | ftp://x:1  | DYNAMODB_ENDPOINT='ftp://x:1' is not allowed: an http or https URL such as http://127.0.0.1:8000
            """)
    void failsAtInitNamingVariableValueAndWhatIsAllowed(String variable, String value, String message) {
        assertThatThrownBy(() -> settings(variable, value))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "http://127.0.0.1:8000",
                "http://127.8.9.10:8000",
                "http://localhost:8000",
                "http://LocalHost:8000",
                "http://[::1]:8000",
                "http://[0:0:0:0:0:0:0:1]:8000",
                "http://host.docker.internal:8000",
                "http://host.containers.internal:8000",
                "https://dynamodb.eu-west-1.amazonaws.com",
                "https://10.0.0.5:8443"
            })
    void dynamoDbEndpointIsHttpsOrPlainHttpOnThisMachine(String endpoint) {
        assertThat(settings("DYNAMODB_ENDPOINT", endpoint).dynamodbEndpoint()).contains(URI.create(endpoint));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "http://dynamodb.eu-west-1.amazonaws.com",
                "http://10.0.0.5:8000",
                "http://128.0.0.1:8000",
                "http://127.0.0.1.nip.io:8000",
                "http://localhost.example.com:8000",
                "http://[::2]:8000",
                "http://172.17.0.1:8000",
                "http://host.docker.internal.example.com:8000"
            })
    void plainHttpToAnyOtherHostIsRefusedNamingTheVariableAndWhatIsAllowed(String endpoint) {
        assertThatThrownBy(() -> settings("DYNAMODB_ENDPOINT", endpoint))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("DYNAMODB_ENDPOINT='" + endpoint + "' is not allowed: plain http only to this machine "
                        + "(127.0.0.0/8, [::1], localhost, host.docker.internal or host.containers.internal); any "
                        + "other host needs https, as the requests carry signed credentials and the table's items");
    }

    @Test
    void namesAMissingTable() {
        assertThatThrownBy(() -> ConsumerSettings.from(new ConfigSource(Map.of("AWS_REGION", "us-east-1"))))
                .hasMessage(
                        "AGGREGATES_TABLE is required: a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'");
    }

    @Test
    void withoutPointersTheRecordsAreReadByThePresets() {
        assertThat(settings().pointers()).isEmpty();
        assertThat(settings().observer()).isInstanceOf(PresetObserver.class);
    }

    @Test
    void theThreePointersMakeAPointerReaderReadingIsoTimesByDefault() {
        ConsumerSettings settings =
                settings("SERIES_FIELD", "/vehicle/id", "VALUE_FIELD", "/battery/temp", "TIME_FIELD", "/ts");

        assertThat(settings.observer())
                .isEqualTo(new PointerReader("/vehicle/id", "/battery/temp", "/ts", "iso"))
                .isEqualTo(settings.pointers().orElseThrow());
        assertThat(settings(
                                "SERIES_FIELD",
                                "/page",
                                "VALUE_FIELD",
                                "/latency_ms",
                                "TIME_FIELD",
                                "/ts",
                                "TIME_FORMAT",
                                "epoch-millis")
                        .observer())
                .isEqualTo(new PointerReader("/page", "/latency_ms", "/ts", "epoch-millis"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SERIES_FIELD=/a                      | VALUE_FIELD is required: a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp: '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name; SERIES_FIELD, VALUE_FIELD and TIME_FIELD are set together or not at all, and SERIES_FIELD set while VALUE_FIELD, TIME_FIELD not
            SERIES_FIELD=/a VALUE_FIELD=/b       | TIME_FIELD is required: a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp: '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name; SERIES_FIELD, VALUE_FIELD and TIME_FIELD are set together or not at all, and SERIES_FIELD, VALUE_FIELD set while TIME_FIELD not
            TIME_FIELD=/t TIME_FORMAT=iso        | SERIES_FIELD is required: a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp: '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name; SERIES_FIELD, VALUE_FIELD and TIME_FIELD are set together or not at all, and TIME_FIELD set while SERIES_FIELD, VALUE_FIELD not
            TIME_FORMAT=epoch-millis             | TIME_FORMAT='epoch-millis' is not allowed: unset, as SERIES_FIELD, VALUE_FIELD and TIME_FIELD are (it is TIME_FIELD's format; the presets read their own times)
            SERIES_FIELD=a VALUE_FIELD=/b TIME_FIELD=/t | SERIES_FIELD='a' is not allowed: a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp: '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name
            SERIES_FIELD=/a VALUE_FIELD=/a/b TIME_FIELD=/t | SERIES_FIELD='/a' is not allowed: a JSON Pointer (RFC 6901) to a member, such as /vehicle/battery/temp: '/' before each member name or array index, ~1 for a '/' and ~0 for a '~' in a name, not a prefix of VALUE_FIELD (/a/b): a member is a value or holds one
            SERIES_FIELD=/a VALUE_FIELD=/b TIME_FIELD=/t TIME_FORMAT=HH:mm | TIME_FORMAT='HH:mm' is not allowed: iso, epoch-millis, epoch-seconds, or a java.time DateTimeFormatter pattern with a date and a time of day, such as yyyy-MM-dd HH:mm:ss.SSS (read as UTC unless it has a zone or offset) (it does not read back 2026-03-09T21:05:00.073Z)
            """)
    void pointersAreAllThreeOrNoneAndEachErrorNamesVariableValueAndWhatIsAllowed(String variables, String message) {
        String[] pairs = Arrays.stream(variables.split(" "))
                .flatMap(pair -> Arrays.stream(pair.split("=", 2)))
                .toArray(String[]::new);

        assertThatThrownBy(() -> settings(pairs))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(message);
    }
}
