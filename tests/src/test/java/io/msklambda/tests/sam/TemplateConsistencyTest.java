package io.msklambda.tests.sam;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.msklambda.consumer.ConsumerSettings;
import io.msklambda.local.dynamodb.Tables;
import io.msklambda.local.sam.SamTemplate;
import io.msklambda.model.NumberSetting;
import io.msklambda.producer.ProducerSettings;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/** template.yaml, the code and the README say the same things. */
class TemplateConsistencyTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final SamTemplate TEMPLATE = SamTemplate.read(ROOT.resolve("template.yaml"));
    /** Variables the code reads whose value the runtime provides, never the template. */
    private static final Set<String> NOT_FROM_TEMPLATE = Set.of("AWS_REGION");

    @Test
    void theTemplateHasBothFunctions() {
        assertThat(TEMPLATE.functionIds()).containsExactly("ProducerFunction", "ConsumerFunction");
    }

    @Test
    void everyHandlerTakesTheEventItsTriggerSends() throws Exception {
        assertThat(TEMPLATE.function("ConsumerFunction", Map.of()).eventTypes()).containsExactly("MSK");
        assertThat(TEMPLATE.resourceTypes()).containsEntry("ProducerSchedule", "AWS::Events::Rule");
        assertThat(eventType("ProducerFunction")).isEqualTo(ScheduledEvent.class);
        assertThat(eventType("ConsumerFunction")).isEqualTo(KafkaEvent.class);
    }

    @Test
    void everyCodeUriIsAJarTheBuildProducedWithItsHandlerInside() throws IOException {
        for (String id : TEMPLATE.functionIds()) {
            SamTemplate.Function function = TEMPLATE.function(id, Map.of());
            assertThat(function.codeUri()).as(id + "'s CodeUri (run ./mvnw package first)").isRegularFile();
            try (JarFile jar = new JarFile(function.codeUri().toFile())) {
                assertThat(jar.getEntry(function.handlerClass().replace('.', '/') + ".class")).as(id).isNotNull();
            }
        }
    }

    @Test
    void everyVariableTheCodeReadsIsSetByTheTemplateOrHasADocumentedDefault() throws IOException {
        Map<String, String> readmeDefaults = readmeDefaults();
        Map<String, Class<?>> settings = Map.of("ProducerFunction", ProducerSettings.class,
                "ConsumerFunction", ConsumerSettings.class);
        settings.forEach((id, type) -> {
            Set<String> read = variables(type);
            Map<String, String> deployment = TEMPLATE.requiredParameters().stream()
                    .collect(Collectors.toMap(p -> p, p -> "given-at-deploy"));
            Set<String> set = TEMPLATE.function(id, deployment).environment().keySet();
            for (String variable : read) {
                if (!set.contains(variable)) {
                    assertThat(readmeDefaults).as(variable + " is not set by the template, so README must give a default")
                            .containsKey(variable);
                    assertThat(readmeDefaults.get(variable)).as(variable).isNotEqualTo("(required)");
                }
            }
            assertThat(read).as(id + ": every variable the template sets is read by the code").containsAll(set);
        });
    }

    @Test
    void theLocalTablesHaveTheTemplatesKeys() {
        assertKeys("AggregatesTable", Tables.aggregates("any"));
        assertKeys("RejectsTable", Tables.rejects("any"));
    }

    private static void assertKeys(String logicalId, CreateTableRequest local) {
        Map<String, Object> table = TEMPLATE.properties(logicalId);
        List<String> templateKeys = ((List<?>) table.get("KeySchema")).stream()
                .map(k -> ((Map<?, ?>) k).get("AttributeName") + ":" + ((Map<?, ?>) k).get("KeyType")).toList();
        List<String> localKeys = local.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
        assertThat(localKeys).as(logicalId).isEqualTo(templateKeys);
        List<String> templateTypes = ((List<?>) table.get("AttributeDefinitions")).stream()
                .map(a -> ((Map<?, ?>) a).get("AttributeName") + ":" + ((Map<?, ?>) a).get("AttributeType")).sorted().toList();
        List<String> localTypes = local.attributeDefinitions().stream()
                .map(a -> a.attributeName() + ":" + a.attributeTypeAsString()).sorted().toList();
        assertThat(localTypes).as(logicalId).isEqualTo(templateTypes);
        assertThat(table.get("BillingMode")).isEqualTo(local.billingModeAsString());
    }

    private static Type eventType(String functionId) throws ClassNotFoundException {
        Class<?> handler = Class.forName(TEMPLATE.function(functionId, Map.of()).handlerClass());
        assertThat(Arrays.stream(handler.getConstructors()).anyMatch(c -> c.getParameterCount() == 0))
                .as(handler + " has the no-arg constructor the Lambda runtime calls").isTrue();
        return Arrays.stream(handler.getGenericInterfaces())
                .filter(t -> t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class)
                .map(t -> ((ParameterizedType) t).getActualTypeArguments()[0]).findFirst().orElseThrow();
    }

    /** The variable names a settings class declares: its String constants and its NumberSettings. */
    private static Set<String> variables(Class<?> settings) {
        Set<String> names = new TreeSet<>();
        for (Field field : settings.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || !Modifier.isPublic(field.getModifiers())) {
                continue;
            }
            try {
                Object value = field.get(null);
                if (value instanceof NumberSetting setting) {
                    names.add(setting.name());
                } else if (value instanceof String name && name.matches("[A-Z_]+")) {
                    names.add(name);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        names.removeAll(NOT_FROM_TEMPLATE);
        return names;
    }

    /** README's configuration tables: variable to its default column. */
    private static Map<String, String> readmeDefaults() throws IOException {
        Matcher row = Pattern.compile("^\\| `([A-Z_]+)` \\| ([^|]*) \\|", Pattern.MULTILINE)
                .matcher(Files.readString(ROOT.resolve("README.md")));
        Map<String, String> defaults = new java.util.TreeMap<>();
        while (row.find()) {
            defaults.putIfAbsent(row.group(1), row.group(2).trim());
        }
        return defaults.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
