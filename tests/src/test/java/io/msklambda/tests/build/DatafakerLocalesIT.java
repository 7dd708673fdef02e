package io.msklambda.tests.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The producer jar as {@code ./mvnw package} builds it resolves a spec's Datafaker expressions from the locale files it
 * ships (the shade filter of producer-function/pom.xml keeps a curated English list), and says which are missing. The
 * jar is loaded alone, under the platform class loader, so the full Datafaker jar of this module's class path cannot
 * stand in for it.
 */
class DatafakerLocalesIT {

    private static final Path JAR = Path.of("..", "producer-function", "target", "producer-function.jar");
    private static URLClassLoader loader;
    private static Method parse;

    @BeforeAll
    static void loadTheJarAlone() throws Exception {
        loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        parse = loader.loadClass("io.msklambda.producer.spec.PayloadSpec").getMethod("parse", String.class);
    }

    @AfterAll
    static void close() throws Exception {
        loader.close();
    }

    private static String firstValue(String spec) throws Exception {
        Object parsed = parse.invoke(null, spec);
        Object generator = parsed.getClass()
                .getMethod("generator", String.class, RandomGenerator.class)
                .invoke(parsed, "t", new SplittableRandom(1));
        Class<?> shard = loader.loadClass("io.msklambda.producer.Shard");
        Object record = loader.loadClass("io.msklambda.producer.RecordGenerator")
                .getMethod("next", shard, long.class)
                .invoke(generator, shard.getField("ALL").get(null), 0L);
        return new String((byte[]) record.getClass().getMethod("value").invoke(record), StandardCharsets.UTF_8);
    }

    @Test
    void theShippedLocaleFilesResolveTheDocumentedProviders() throws Exception {
        String value = firstValue("{\"name\": \"t\", \"fields\": {"
                + "\"user\": {\"$faker\": {\"expression\": \"#{Internet.username}\", \"pool\": 100}},"
                + "\"url\": {\"$faker\": {\"expression\": \"#{Internet.url}\", \"pool\": 10}},"
                + "\"make\": {\"$faker\": {\"expression\": \"#{Vehicle.make}\", \"pool\": 10}},"
                + "\"vin\": \"#{Vehicle.vin}\", \"city\": \"#{Address.city}\", \"company\": \"#{Company.name}\","
                + "\"product\": \"#{Commerce.productName}\", \"app\": \"#{App.name}\","
                + "\"device\": \"#{Device.modelName}\", \"color\": \"#{Color.name}\"}}");

        assertThat(value)
                .matches("\\{\"user\":\"[^\"]+\",\"url\":\"http[^\"]+\",\"make\":\"[^\"]+\",\"vin\":\"[A-Z0-9]{17}\","
                        + "\"city\":\"[^\"]+\",\"company\":\"[^\"]+\",\"product\":\"[^\"]+\",\"app\":\"[^\"]+\","
                        + "\"device\":\"[^\"]+\",\"color\":\"[^\"]+\"}");
    }

    @Test
    void aProviderWhoseLocaleFileIsNotShippedFailsTheParseSayingSo() {
        try {
            parse.invoke(null, "{\"name\": \"t\", \"fields\": {\"beer\": \"#{Beer.name}\"}}");
            throw new AssertionError("#{Beer.name} resolved, but en/beer.yml is not in the jar");
        } catch (InvocationTargetException | IllegalAccessException e) {
            assertThat(e.getCause())
                    .hasMessageStartingWith("PAYLOAD_SPEC /fields/beer: \"#{Beer.name}\" is not allowed")
                    .hasMessageContaining("its locale file is missing from the jar");
        }
    }
}
