package io.msklambda.local.kafka;

import java.util.Properties;

import kafka.server.KafkaConfig;

/**
 * A broker's configuration whose controlled shutdown can be switched off just before a stop, so that the same
 * running broker can be stopped either way.
 *
 * <p>A controlled shutdown (Kafka's default, and what Amazon MSK's rolling updates do) asks the controller to move
 * leadership away first: clients see a leader change and go on. Without it the broker just goes away; the
 * controller notices only when the broker's heartbeats stop for {@code broker.session.timeout.ms}, fences it and
 * only then elects new leaders, and clients meanwhile see disconnects and time-outs, as they do when a broker's
 * host dies. {@code BrokerServer.shutdown} reads {@link #controlledShutdownEnable()} when the stop begins.
 */
final class BrokerConfig extends KafkaConfig {

    private volatile boolean hardStop;

    BrokerConfig(Properties props) {
        super(props, false);
    }

    /** The next stop skips the controlled shutdown. */
    void stopHard() {
        hardStop = true;
    }

    @Override
    public Boolean controlledShutdownEnable() {
        return !hardStop && super.controlledShutdownEnable();
    }
}
