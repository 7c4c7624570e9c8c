package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.jobs.spec.EndpointSelection;
import dev.ingest.sinks.rows.JsonRowConverter;
import dev.ingest.sinks.schema.SchemaInference;
import dev.ingest.sinks.tables.EndpointTables;
import dev.ingest.sinks.testing.TempWarehouseExtension;
import dev.ingest.sinks.write.WriteMode;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.util.SerializedThrowable;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guard adds columns for new top-level fields and stops the job; other extra values never do. */
class NewColumnGuardTest {
  private static final TableIdentifier ID = TableIdentifier.of("guarded", "items");

  @RegisterExtension final TempWarehouseExtension warehouse = new TempWarehouseExtension();
  private Table table;
  private JsonRowConverter converter;
  private NewColumnGuard guard;

  @BeforeEach
  void plan() {
    table = EndpointTables.ensure(warehouse.catalog(), ID, SchemaInference.infer(List.of("{\"id\":1,\"n\":2}")),
        Map.of());
    converter = new JsonRowConverter(table.schema());
    guard = new NewColumnGuard(warehouse.loader(),
        List.of(new EndpointTable("items", ID, table.schema(), new EndpointSelection("items", WriteMode.APPEND))));
  }

  @Test
  void addsTheColumnOfANewFieldAndFailsTheJobWithoutFlinkRestarts() throws Exception {
    assertThatThrownBy(() -> guard.check("items", converter.convert("{\"id\":3,\"color\":\"red\"}", "r1", 0L)))
        .isInstanceOf(SuppressRestartsException.class)
        .satisfies(e -> assertThat(NewColumnsException.isCause(e)).isTrue())
        .hasRootCauseMessage("new columns [color] in table guarded.items: rebuild the job from the table schema "
            + "and resume");
    table.refresh();
    assertThat(table.schema().findField("color").type()).isEqualTo(Types.StringType.get());
    assertThat(table.schema().findField("color").isOptional()).isTrue();

    // a second subtask meeting the same field: the column is not added twice
    assertThatThrownBy(() -> guard.check("items", converter.convert("{\"id\":4,\"color\":\"blue\"}", "r1", 0L)))
        .isInstanceOf(SuppressRestartsException.class);
    table.refresh();
    assertThat(table.schema().columns()).filteredOn(f -> f.name().equals("color")).hasSize(1);
  }

  @Test
  void incompatibleValuesNullFieldsAndPlainRowsPass() throws Exception {
    guard.check("items", converter.convert("{\"id\":3,\"n\":\"seven\"}", "r1", 0L));
    guard.check("items", converter.convert("{\"id\":4,\"later\":null}", "r1", 0L));
    guard.check("items", converter.convert("{\"id\":5,\"n\":6}", "r1", 0L));
    guard.check("unplanned", converter.convert("{\"id\":6,\"color\":\"red\"}", "r1", 0L));

    table.refresh();
    assertThat(table.schema().findField("later")).isNull();
    assertThat(table.schema().findField("color")).isNull();
  }

  @Test
  void recognisesTheFailureAlsoWhenFlinkSerializedIt() {
    Exception failure = new RuntimeException("Job execution failed.",
        new SerializedThrowable(new SuppressRestartsException(new NewColumnsException("a.b", List.of("c")))));

    assertThat(NewColumnsException.isCause(failure)).isTrue();
    assertThat(NewColumnsException.isCause(new RuntimeException("other", new IllegalStateException()))).isFalse();
  }
}
