package io.msklambda.tests.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.consumer.AggregatesTable;
import io.msklambda.consumer.RejectsTable;
import io.msklambda.local.dynamodb.Tables;
import io.msklambda.tests.support.LocalServices;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The local tables: created when missing, kept when they exist as the consumer needs them, refused otherwise. */
class TablesTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    @Test
    void ensuringTheTablesTwiceCreatesThemOnceWithTheConsumersKeys() {
        String name = "t-" + UUID.randomUUID();

        Tables.ensureBoth(SERVICES.dynamo(), name + "-aggregates", name + "-rejects");
        Tables.ensureBoth(SERVICES.dynamo(), name + "-aggregates", name + "-rejects");

        assertThat(SERVICES.dynamo()
                        .describeTable(b -> b.tableName(name + "-aggregates"))
                        .table()
                        .keySchema())
                .isEqualTo(AggregatesTable.createRequest("any").keySchema());
        assertThat(SERVICES.dynamo()
                        .describeTable(b -> b.tableName(name + "-rejects"))
                        .table()
                        .keySchema())
                .isEqualTo(RejectsTable.createRequest("any").keySchema());
    }

    @Test
    void anAggregatesTableKeyedOneItemPerWindowIsRefusedByName() {
        // Given an aggregates table as the consumer made it when a window was one item (sort key window_start)
        String name = "t-" + UUID.randomUUID();
        SERVICES.dynamo()
                .createTable(AggregatesTable.createRequest(name + "-aggregates").toBuilder()
                        .keySchema(
                                key(AggregatesTable.SERIES, KeyType.HASH),
                                key(AggregatesTable.WINDOW_START, KeyType.RANGE))
                        .attributeDefinitions(string(AggregatesTable.SERIES), string(AggregatesTable.WINDOW_START))
                        .build());

        // When the local stack ensures its tables, then it stops before any write would fail
        assertThatThrownBy(() -> Tables.ensureBoth(SERVICES.dynamo(), name + "-aggregates", name + "-rejects"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "table " + name + "-aggregates is keyed series (HASH), window_start (RANGE), but the consumer "
                                + "needs series (HASH), window_source (RANGE): delete it, or name another table");
    }

    private static KeySchemaElement key(String attribute, KeyType type) {
        return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
    }

    private static AttributeDefinition string(String attribute) {
        return AttributeDefinition.builder()
                .attributeName(attribute)
                .attributeType(ScalarAttributeType.S)
                .build();
    }
}
