package io.msklambda.local.invoke;

import io.msklambda.consumer.ConsumerHandler;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.model.ConfigSource;
import io.msklambda.model.InvalidConfigException;
import io.msklambda.producer.KafkaProperties;
import io.msklambda.producer.ProducerHandler;
import io.msklambda.producer.ProducerSettings;
import java.util.Map;
import java.util.Optional;

/**
 * The init-time configuration checks of this project's two functions, run by {@code invoke} on the variables the
 * function will get before it starts any service for it: a variable the function's init refuses is then told in a
 * second, not after a broker has started. Another handler's checks are its own business.
 */
final class FunctionSettings {

    private FunctionSettings() {}

    static boolean isProducer(String handlerClass) {
        return handlerClass.equals(ProducerHandler.class.getName());
    }

    static boolean isConsumer(String handlerClass) {
        return handlerClass.equals(ConsumerHandler.class.getName());
    }

    /** What the function's init would refuse in {@code variables}, if it is one of ours; else empty. */
    static Optional<InvalidConfigException> refused(String handlerClass, Map<String, String> variables) {
        ConfigSource env = new ConfigSource(variables);
        try {
            if (isProducer(handlerClass)) {
                KafkaProperties.of(ProducerSettings.from(env));
            } else if (isConsumer(handlerClass)) {
                ConsumerSettings.from(env);
            }
            return Optional.empty();
        } catch (InvalidConfigException e) {
            return Optional.of(e);
        }
    }
}
