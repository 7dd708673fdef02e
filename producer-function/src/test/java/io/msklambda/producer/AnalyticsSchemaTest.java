package io.msklambda.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.msklambda.model.ConfigSource;
import io.msklambda.model.ItemsFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The AWS Glue Schema Registry documents in {@code analytics/athena/} against the records the producer really
 * writes. Athena's MSK connector maps only the top-level fields a schema names, reads each as text, converts it by
 * its declared type and parses a TIMESTAMP with the field's {@code formatHint}; a field the schema misses, a wrong
 * type or a format one character off shows up in Athena as missing or NULL values, never as an error. So every
 * generated record is read here the way the connector reads it.
 */
class AnalyticsSchemaTest {

    private static final Path ATHENA = Path.of("..", "analytics", "athena");
    private static final JsonFactory JSON = new JsonFactory();
    private static final UserPool USERS = UserPool.create();
    private static final int RECORDS = 400;
    /** A whole second: the first records end in ".000", the milliseconds a careless formatter drops. */
    private static final long START = Instant.parse("2026-03-09T21:05:00Z").toEpochMilli();
    /** About 2.2 hours and no round number, so the records cover many days, hours and millisecond values. */
    private static final long STEP = 7_919_777L;

    @Test
    void ordersSchemaHasTheFieldsAndFormatHintDownstreamExpects() {
        GlueSchema schema = GlueSchema.read(ATHENA.resolve("orders-schema.json"));

        assertThat(schema)
                .isEqualTo(new GlueSchema(
                        "orders",
                        "json",
                        List.of(
                                new Field("order_id", "order_id", "VARCHAR", null),
                                new Field("ordered_at", "ordered_at", "TIMESTAMP", "yyyy-MM-dd HH:mm:ss.SSS"),
                                new Field("user_id", "user_id", "VARCHAR", null),
                                new Field("items", "items", "VARCHAR", null))));
    }

    @Test
    void schemasAreForTheTopicsTheProducerWritesByDefault() {
        String ordersTopic = defaults(PayloadKind.ORDERS).topic();
        String telemetryTopic = defaults(PayloadKind.TELEMETRY).topic();

        assertThat(GlueSchema.read(ATHENA.resolve("orders-schema.json")).topicName())
                .isEqualTo(ordersTopic)
                .isEqualTo(orders(ItemsFormat.STRING, 1).next(Shard.ALL, START).topic())
                .isEqualTo("orders");
        assertThat(GlueSchema.read(ATHENA.resolve("telemetry-schema.json")).topicName())
                .isEqualTo(telemetryTopic)
                .isEqualTo(telemetry(1).next(Shard.ALL, START).topic())
                .isEqualTo("telemetry");
    }

    @Test
    void ordersWrittenWithItemsAsStringMatchTheOrdersSchemaFieldForField() {
        GlueSchema schema = GlueSchema.read(ATHENA.resolve("orders-schema.json"));
        OrderGenerator generator = orders(ItemsFormat.STRING, 11);

        List<String> problems = mismatches(schema, generator);

        assertThat(problems).isEmpty();
    }

    @Test
    void telemetryReadingsMatchTheTelemetrySchemaFieldForField() {
        GlueSchema schema = GlueSchema.read(ATHENA.resolve("telemetry-schema.json"));
        TelemetryGenerator generator = telemetry(12);

        List<String> problems = mismatches(schema, generator);

        assertThat(problems).isEmpty();
    }

    /** Shows the check is not vacuous, and why Athena needs ORDER_ITEMS_FORMAT=string. */
    @Test
    void ordersWrittenWithItemsAsArrayAreWhatTheConnectorCannotRead() {
        GlueSchema schema = GlueSchema.read(ATHENA.resolve("orders-schema.json"));
        OrderGenerator generator = orders(ItemsFormat.ARRAY, 13);

        List<String> problems = mismatches(schema, generator);

        assertThat(problems).hasSize(RECORDS).containsOnly("items: VARCHAR needs a JSON string, got START_ARRAY");
    }

    @Test
    void itemsAsStringHoldExactlyTheArrayThatItemsAsArrayWrites() {
        OrderGenerator asString = orders(ItemsFormat.STRING, 14);
        OrderGenerator asArray = orders(ItemsFormat.ARRAY, 14);

        for (int i = 0; i < RECORDS; i++) {
            long now = START + i * STEP;
            JsonValue text =
                    topLevelFields(asString.next(Shard.ALL, now).value()).get("items");
            JsonValue array =
                    topLevelFields(asArray.next(Shard.ALL, now).value()).get("items");

            assertThat(text.token()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(array.token()).isEqualTo(JsonToken.START_ARRAY);
            assertThat(text.text()).isEqualTo(array.text());
        }
    }

    private static ProducerSettings defaults(PayloadKind payload) {
        return ProducerSettings.from(new ConfigSource(Map.of(
                ProducerSettings.BOOTSTRAP_SERVERS,
                "b-1.example:9098",
                ProducerSettings.PAYLOAD,
                payload.name().toLowerCase(java.util.Locale.ROOT))));
    }

    private static OrderGenerator orders(ItemsFormat itemsFormat, long seed) {
        return new OrderGenerator(defaults(PayloadKind.ORDERS).topic(), itemsFormat, USERS, new SplittableRandom(seed));
    }

    private static TelemetryGenerator telemetry(long seed) {
        return new TelemetryGenerator(defaults(PayloadKind.TELEMETRY).topic(), 100, new SplittableRandom(seed));
    }

    /** One schema document as the connector reads it from the registry. */
    record GlueSchema(String topicName, String dataFormat, List<Field> fields) {

        @SuppressWarnings("unchecked")
        static GlueSchema read(Path file) {
            Map<String, Object> document;
            try (JsonParser parser = JSON.createParser(Files.readAllBytes(file))) {
                parser.nextToken();
                document = (Map<String, Object>) readTree(parser);
            } catch (IOException e) {
                throw new UncheckedIOException(file.toAbsolutePath().normalize().toString(), e);
            }
            Map<String, Object> message = (Map<String, Object>) document.get("message");
            List<Field> fields = new ArrayList<>();
            for (Object field : (List<Object>) message.get("fields")) {
                Map<String, Object> f = (Map<String, Object>) field;
                fields.add(new Field((String) f.get("name"), (String) f.get("mapping"), (String) f.get("type"), (String)
                        f.get("formatHint")));
            }
            return new GlueSchema(
                    (String) document.get("topicName"), (String) message.get("dataFormat"), List.copyOf(fields));
        }

        /** Every way the record differs from this schema, one line each; empty when the connector reads it whole. */
        List<String> mismatches(ProducerRecord<byte[], byte[]> record, Instant generatedAt) {
            Map<String, JsonValue> values = topLevelFields(record.value());
            List<String> problems = new ArrayList<>();
            TreeSet<String> unmapped = new TreeSet<>(values.keySet());
            for (Field field : fields) {
                unmapped.remove(field.mapping());
                JsonValue value = values.get(field.mapping());
                if (value == null) {
                    problems.add(field.mapping() + ": in the schema but not in the record " + values.keySet());
                } else {
                    field.mismatch(value, generatedAt).ifPresent(problems::add);
                }
            }
            unmapped.forEach(name -> problems.add(name + ": in the record but not in the schema"));
            return problems;
        }
    }

    /** One {@code fields} entry; {@code formatHint} is null where the document has none. */
    record Field(String name, String mapping, String type, String formatHint) {

        Optional<String> mismatch(JsonValue value, Instant generatedAt) {
            JsonToken token = value.token();
            return switch (type) {
                case "VARCHAR" ->
                    token == JsonToken.VALUE_STRING
                            ? Optional.empty()
                            : Optional.of(mapping + ": VARCHAR needs a JSON string, got " + token);
                case "INTEGER", "BIGINT" ->
                    token == JsonToken.VALUE_NUMBER_INT && fits(value.text())
                            ? Optional.empty()
                            : Optional.of(mapping + ": " + type + " needs a JSON integer in range, got " + value);
                case "DOUBLE" ->
                    token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                            ? Optional.empty()
                            : Optional.of(mapping + ": DOUBLE needs a JSON number, got " + value);
                case "TIMESTAMP" ->
                    token == JsonToken.VALUE_STRING
                            ? timestampMismatch(value.text(), generatedAt)
                            : Optional.of(mapping + ": TIMESTAMP needs a JSON string, got " + value);
                default -> Optional.of(mapping + ": type " + type + " is not one this test knows");
            };
        }

        private boolean fits(String digits) {
            try {
                if (type.equals("INTEGER")) {
                    Integer.parseInt(digits);
                } else {
                    Long.parseLong(digits);
                }
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /**
         * The text must parse with the formatHint as a {@link DateTimeFormatter} pattern and format back to the same
         * text, and it must parse with the formatHint as the connector itself applies it: a
         * {@link SimpleDateFormat} pattern (its {@code MskDeserializer.cast}), in the Lambda's time zone, UTC. Both
         * must give the instant the record was generated at.
         */
        private Optional<String> timestampMismatch(String text, Instant generatedAt) {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(formatHint);
            TemporalAccessor parsed;
            try {
                parsed = formatter.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            } catch (DateTimeParseException e) {
                return Optional.of(
                        mapping + ": '" + text + "' does not parse with '" + formatHint + "': " + e.getMessage());
            }
            String formattedBack = formatter.format(parsed);
            Instant instant = parsed instanceof OffsetDateTime withOffset
                    ? withOffset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);

            SimpleDateFormat connector = new SimpleDateFormat(formatHint);
            connector.setTimeZone(TimeZone.getTimeZone("UTC"));
            connector.setLenient(false);
            ParsePosition position = new ParsePosition(0);
            Date connectorDate = connector.parse(text, position);

            if (!formattedBack.equals(text)) {
                return Optional.of(mapping + ": '" + text + "' formats back as '" + formattedBack + "'");
            }
            if (!instant.equals(generatedAt)) {
                return Optional.of(mapping + ": '" + text + "' is " + instant + ", generated at " + generatedAt);
            }
            if (connectorDate == null
                    || position.getIndex() != text.length()
                    || connectorDate.getTime() != generatedAt.toEpochMilli()) {
                return Optional.of(mapping + ": SimpleDateFormat('" + formatHint + "') reads '" + text + "' as "
                        + (connectorDate == null ? "nothing" : connectorDate.toInstant()) + " up to index "
                        + position.getIndex() + ", generated at " + generatedAt);
            }
            return Optional.empty();
        }
    }

    /** A top-level value: its first token, and its text (a nested array or object as compact JSON). */
    record JsonValue(JsonToken token, String text) {
        @Override
        public String toString() {
            return token + " " + text;
        }
    }

    /** The record's top-level fields in order, read with jackson-core's streaming parser like the codec does. */
    static Map<String, JsonValue> topLevelFields(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            Map<String, JsonValue> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                fields.put(name, new JsonValue(token, token.isStructStart() ? compact(parser) : parser.getText()));
            }
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String compact(JsonParser parser) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.copyCurrentStructure(parser);
        }
        return out.toString();
    }

    /**
     * Maps, lists and scalars from a small JSON document. jackson-databind's tree model would do this, but it is not
     * a dependency of this module (only a transitive runtime one of aws-msk-iam-auth), and a test should not lean on
     * that.
     */
    private static Object readTree(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, readTree(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readTree(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            default -> {
                return null;
            }
        }
    }

    /** Every difference between the schema and RECORDS records of the generator, a timestamp step apart. */
    private static List<String> mismatches(GlueSchema schema, RecordGenerator generator) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            Instant generatedAt = Instant.ofEpochMilli(START + i * STEP);
            problems.addAll(schema.mismatches(generator.next(Shard.ALL, generatedAt.toEpochMilli()), generatedAt));
        }
        return problems;
    }
}
