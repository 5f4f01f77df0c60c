package dev.kibitz.orchestrator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.kibitz.store.catalog.CatalogDatabase;
import dev.kibitz.store.testing.PostgresDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run store on the machine's real PostgreSQL, in the same database as the activation store's catalog. */
class PostgresRunStoreTest {
  private static JsonObject value(long v) {
    JsonObject o = new JsonObject();
    o.addProperty("value", v);
    return o;
  }

  @Test
  void runsStepsAndCachedOutputsRoundTripBesideTheStoreCatalog() throws Exception {
    try (PostgresDatabases.Database db = PostgresDatabases.create();
        CatalogDatabase catalog = CatalogDatabase.open(db.url(), db.user(), db.password());
        JdbcRunStore store = JdbcRunStore.open(db.url(), db.user(), db.password())) {
      store.createRun("r1", "exp", "name: exp\n", List.of(
          new RunRecord.StepRecord("a", "add", "a".repeat(64), StepState.PENDING, 0, ""),
          new RunRecord.StepRecord("b", "add", "b".repeat(64), StepState.PENDING, 0, "")));
      store.createRun("r2", "exp", "name: exp\n", List.of());
      store.runState("r1", RunState.RUNNING, "");
      store.stepState("r1", "a", StepState.SUCCEEDED, 1, "done");
      store.stepState("r1", "b", StepState.RUNNING, 0.25, "a quarter");
      store.runState("r2", RunState.SUCCEEDED, "");
      store.runReport("r2", "/tmp/report.html");

      RunRecord r1 = store.run("r1").orElseThrow();
      assertEquals(RunState.RUNNING, r1.state());
      assertEquals(List.of(new RunRecord.StepRecord("a", "add", "a".repeat(64), StepState.SUCCEEDED, 1, "done"),
          new RunRecord.StepRecord("b", "add", "b".repeat(64), StepState.RUNNING, 0.25, "a quarter")), r1.steps());
      assertEquals(1, r1.stepsDone());
      assertEquals("/tmp/report.html", store.run("r2").orElseThrow().report());
      assertEquals(List.of("r1"), store.unfinished().stream().map(RunRecord::id).toList());
      assertEquals(2, store.runs(10).size());
      assertTrue(store.run("r3").isEmpty());

      store.putOutput("c".repeat(64), "add", value(7));
      store.putOutput("c".repeat(64), "add", value(8));
      assertEquals(7, store.output("c".repeat(64)).orElseThrow().get("value").getAsLong());
      assertTrue(store.output("d".repeat(64)).isEmpty());
    }
  }
}
