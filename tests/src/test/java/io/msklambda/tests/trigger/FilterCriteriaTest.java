package io.msklambda.tests.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.trigger.FilterCriteria;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The mapping's FilterCriteria on a record's value, in the pattern language Lambda uses. */
class FilterCriteriaTest {

    private static final String DEVICES_3_TO_6 =
            "{\"value\": {\"device_id\": [{\"numeric\": [\">=\", 3, \"<=\", 6]}]}}";
    private static final String USERS_FROM_A = "{\"value\": {\"user_id\": [{\"prefix\": \"a\"}]}}";

    private static byte[] reading(int device) {
        return ("{\"device_id\":" + device + ",\"timestamp\":\"2026-03-09T21:05:00.073Z\",\"temperature\":27.4}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] order(String user) {
        return ("{\"order_id\":\"6049dc71-063b-49bd-8b68-f2326d1c8544\",\"ordered_at\":\"2026-03-09 21:05:00.073\","
                        + "\"user_id\":\"" + user + "\",\"items\":[{\"product_id\":4793,\"quantity\":8}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNumericRangeKeepsTheDevicesInsideIt() {
        FilterCriteria filter = FilterCriteria.of(List.of(DEVICES_3_TO_6));

        assertThat(IntStream.rangeClosed(1, 8)
                        .filter(device -> filter.matches(reading(device)))
                        .boxed())
                .containsExactly(3, 4, 5, 6);
    }

    @Test
    void aPrefixOnAStringFieldAndFiltersAreOred() {
        FilterCriteria filter = FilterCriteria.of(List.of(USERS_FROM_A, DEVICES_3_TO_6));

        assertThat(filter.matches(order("abxyz"))).isTrue();
        assertThat(filter.matches(order("febxa"))).isFalse();
        assertThat(filter.matches(reading(4))).isTrue();
    }

    @Test
    void aValueThatIsNotJsonIsMatchedAsAPlainString() {
        FilterCriteria filter = FilterCriteria.of(List.of("{\"value\": [{\"prefix\": \"Hello\"}]}"));

        assertThat(filter.matches("Hello, this is a test.".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(filter.matches("Goodbye".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(filter.matches(new byte[] {(byte) 0xc3, (byte) 0x28})).isFalse();
        assertThat(filter.matches(null)).isFalse();
    }

    @Test
    void textThatStartsLikeJsonIsStillText() {
        FilterCriteria filter = FilterCriteria.of(
                List.of("{\"value\": [{\"prefix\": \"true\"}]}", "{\"value\": [{\"prefix\": \"42 \"}]}"));

        assertThat(filter.matches("true story".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(filter.matches("42 is the answer".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(filter.matches("true".getBytes(StandardCharsets.UTF_8))).isFalse(); // the JSON value true
    }

    @Test
    void noFilterDeliversEverything() {
        assertThat(FilterCriteria.NONE.matches(reading(1))).isTrue();
        assertThat(FilterCriteria.of(List.of()).matches(null)).isTrue();
    }

    @Test
    void badFiltersAreRefusedNamingThePattern() {
        assertThatThrownBy(() -> FilterCriteria.of(List.of("{\"value\": {\"device_id\": [{\"numeric\": [\">\"]}]}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "filter {\"value\": {\"device_id\": [{\"numeric\": [\">\"]}]}} is not a valid pattern: ");
        assertThatThrownBy(() -> FilterCriteria.of(List.of("{\"key\": [\"a\"]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("filter {\"key\": [\"a\"]}: a Kafka mapping filters on \"value\" only, e.g. "
                        + "{\"value\": {\"device_id\": [{\"numeric\": [\">\", 5]}]}}");
        assertThatThrownBy(() -> FilterCriteria.of(Collections.nCopies(6, DEVICES_3_TO_6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a mapping takes at most 5 filters: 6");
    }
}
