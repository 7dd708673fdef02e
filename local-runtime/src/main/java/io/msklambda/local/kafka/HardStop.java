package io.msklambda.local.kafka;

import java.lang.reflect.Field;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;

/**
 * Makes a running broker's next stop skip the controlled shutdown, so that the same broker can be stopped either
 * way.
 *
 * <p>A controlled shutdown (Kafka's default, and what Amazon MSK's rolling updates do) asks the controller to move
 * leadership away first: clients see a leader change and go on. Without it the broker just goes away; the
 * controller notices only when the broker's heartbeats have stopped for {@code broker.session.timeout.ms}, fences
 * it and only then elects new leaders, while clients see disconnects and time-outs, as when a broker's host dies.
 *
 * <p>{@code BrokerServer.shutdown} reads {@code controlledShutdownEnable} from the configuration its
 * {@code SharedServer} copied at construction, a final field with no setter and no dynamic update; so it is set
 * here by reflection, on that one copy, just before the stop. Checked against Kafka 4.3 on JDK 17: on an upgrade,
 * {@code EmbeddedClusterTest} tells whether a hard stop still leaves the partitions leaderless for a while. JDK 26
 * warns when a final field is changed this way (JEP 500) and a later JDK will refuse it: the error below then says
 * so, and only {@code broker-kill} is lost (a controlled stop needs no reflection).
 */
final class HardStop {

    private static final String FIELD = "controlledShutdownEnable";

    private HardStop() {}

    static void disableControlledShutdown(BrokerServer broker) {
        KafkaConfig config = broker.config();
        try {
            Field field = KafkaConfig.class.getDeclaredField(FIELD);
            field.setAccessible(true);
            field.set(config, Boolean.FALSE);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot stop broker " + config.nodeId() + " without a controlled shutdown: KafkaConfig." + FIELD
                            + " is not what Kafka 4.3 had",
                    e);
        }
        if (config.controlledShutdownEnable()) {
            throw new IllegalStateException("broker " + config.nodeId() + " still does a controlled shutdown");
        }
    }
}
