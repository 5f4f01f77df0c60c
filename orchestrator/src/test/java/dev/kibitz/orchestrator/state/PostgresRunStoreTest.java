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
          RunRecord.StepRecord.pending("a", "add", "a".repeat(64)),
          RunRecord.StepRecord.pending("b", "add", "b".repeat(64))));
      store.createRun("r2", "exp", "name: exp\n", List.of());
      store.runState("r1", RunState.RUNNING, "");
      store.stepState("r1", "a", StepState.RUNNING, 0, "");
      store.stepState("r1", "a", StepState.SUCCEEDED, 1, "done");
      store.stepState("r1", "b", StepState.RUNNING, 0, "");
      java.time.Instant bStarted = store.run("r1").orElseThrow().steps().get(1).startedAt();
      Thread.sleep(30);
      store.stepState("r1", "b", StepState.RUNNING, 0, "still at 0"); // a waiting step reports 0 again
      store.stepState("r1", "b", StepState.RUNNING, 0.25, "a quarter");
      store.runState("r2", RunState.SUCCEEDED, "");
      store.runReport("r2", "/tmp/report.html");

      RunRecord r1 = store.run("r1").orElseThrow();
      assertEquals(RunState.RUNNING, r1.state());
      RunRecord.StepRecord a = r1.steps().get(0);
      RunRecord.StepRecord b = r1.steps().get(1);
      assertEquals(List.of("a", "add", "a".repeat(64), StepState.SUCCEEDED, 1.0, "done"),
          List.of(a.name(), a.type(), a.digest(), a.state(), a.progress(), a.message()));
      assertEquals(List.of("b", StepState.RUNNING, 0.25, "a quarter"),
          List.of(b.name(), b.state(), b.progress(), b.message()));
      assertTrue(a.seconds() >= 0, "a ran from start to end: " + a);
      assertTrue(b.startedAt() != null && b.finishedAt() == null && Double.isNaN(b.seconds()), b.toString());
      assertEquals(bStarted, b.startedAt(), "progress reports do not restart a running step");
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
