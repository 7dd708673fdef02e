package io.msklambda.tests.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msklambda.local.dynamodb.Tables;
import io.msklambda.tests.support.LocalServices;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** The local tables: created when missing, kept when they exist as the consumer needs them, refused otherwise. */
class TablesTest {

    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    @Test
    void ensuringTheTablesTwiceCreatesThemOnceWithTheConsumersKeys() {
        String name = "t-" + UUID.randomUUID();

        Tables.ensureBoth(SERVICES.dynamo(), name + "-aggregates", name + "-rejects");
        Tables.ensureBoth(SERVICES.dynamo(), name + "-aggregates", name + "-rejects");

        assertThat(SERVICES.dynamo().describeTable(b -> b.tableName(name + "-aggregates")).table().keySchema())
                .containsExactly(KeySchemaElement.builder().attributeName("series").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("window_source").keyType(KeyType.RANGE).build());
    }

    @Test
    void anAggregatesTableKeyedOneItemPerWindowIsRefusedByName() {
        // Given an aggregates table as the consumer made it when a window was one item (sort key window_start)
        String name = "t-" + UUID.randomUUID();
        SERVICES.dynamo().createTable(Tables.aggregates(name + "-aggregates").toBuilder()
                .keySchema(KeySchemaElement.builder().attributeName("series").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("window_start").keyType(KeyType.RANGE).build())
                .attributeDefinitions(Tables.aggregates("any").attributeDefinitions().get(0),
                        Tables.aggregates("any").attributeDefinitions().get(1).toBuilder()
                                .attributeName("window_start").build())
                .build());

        // When the local stack ensures its tables, then it stops before any write would fail
        assertThatThrownBy(() -> Tables.ensureBoth(SERVICES.dynamo(), name + "-aggregates", name + "-rejects"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("table " + name + "-aggregates is keyed series (HASH), window_start (RANGE), but the consumer "
                        + "needs series (HASH), window_source (RANGE): delete it, or name another table");
    }
}
