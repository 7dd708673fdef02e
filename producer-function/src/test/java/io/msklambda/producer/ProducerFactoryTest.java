package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.model.ConfigSource;
import io.msklambda.model.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerFactoryTest {

    @Test
    void brokerNamesThatDoNotResolveAreAnInitErrorNamingTheVariable() {
        // .invalid never resolves (RFC 6761), so the client refuses to start before it connects anywhere
        ProducerSettings settings = ProducerSettings.from(
                new ConfigSource(Map.of("BOOTSTRAP_SERVERS", "b-1.nohost.invalid:9098", "AUTH_MODE", "none")));

        assertThatThrownBy(() -> ProducerFactory.KAFKA.create(KafkaProperties.of(settings)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("BOOTSTRAP_SERVERS='b-1.nohost.invalid:9098' is not allowed: host names this environment "
                        + "resolves (No resolvable bootstrap urls given in bootstrap.servers; in Lambda, the function's "
                        + "VPC must resolve the brokers' names)");
    }
}
