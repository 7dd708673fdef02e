package io.msklambda.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSourceTest {

    private enum Color {
        RED,
        DARK_BLUE
    }

    @Test
    void blankCountsAsUnset() {
        ConfigSource config = new ConfigSource(Map.of("A", "  "));
        assertThat(config.integer("A", 5, 1, 10)).isEqualTo(5);
        assertThat(config.optional("A")).isEmpty();
    }

    @Test
    void namesVariableValueAndRangeForABadNumber() {
        ConfigSource config = new ConfigSource(Map.of("N", "abc", "M", "0"));
        assertThatThrownBy(() -> config.integer("N", 5, 1, 10))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("N='abc' is not allowed: a whole number from 1 to 10");
        assertThatThrownBy(() -> config.integer("M", 5, 1, 10))
                .hasMessage("M='0' is not allowed: a whole number from 1 to 10");
    }

    @Test
    void listsTheChoicesForAnUnknownEnumValue() {
        ConfigSource config = new ConfigSource(Map.of("C", "green", "D", "Dark_Blue"));
        assertThatThrownBy(() -> config.choice("C", Color.RED, Color.class))
                .hasMessage("C='green' is not allowed: one of red, dark_blue");
        assertThat(config.choice("D", Color.RED, Color.class)).isEqualTo(Color.DARK_BLUE);
    }

    @Test
    void saysWhatARequiredVariableIsFor() {
        assertThatThrownBy(() -> new ConfigSource(Map.of()).required("BOOTSTRAP_SERVERS", "host:port pairs"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("BOOTSTRAP_SERVERS is required: host:port pairs")
                .extracting(e -> ((InvalidConfigException) e).variable())
                .isEqualTo("BOOTSTRAP_SERVERS");
    }
}
