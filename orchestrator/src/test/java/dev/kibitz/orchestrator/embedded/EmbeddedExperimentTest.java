package dev.kibitz.orchestrator.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.PathFinder;
import dev.kibitz.games.maze.agent.TrainingConfig;
import dev.kibitz.orchestrator.Orchestrator;
import dev.kibitz.orchestrator.inprocess.InProcessServices;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.orchestrator.state.RunState;
import dev.kibitz.orchestrator.state.StepState;
import dev.kibitz.proto.v1.ListDatasetsRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reduced experiment through the whole embedded mesh (model server, store, in-JVM Kafka, probe
 * service, steering service over loopback gRPC): every step's numbers are checked against counts
 * computed here independently, then the rerun is served from the cache without touching the mesh.
 */
class EmbeddedExperimentTest {
  private static final String SPEC = """
      name: reduced
      steps:
        - name: capture
          type: capture
          params: {model: maze-agent, hooks: [stages.2.res.1.resid_out, fc_out], mazes: 4, first-seed: 100}
        - {name: probes, type: train-probes, needs: capture, params: {capture: capture, hook: fc_out}}
        - name: sae
          type: train-sae
          needs: capture
          params: {capture: capture, hook: stages.2.res.1.resid_out, architecture: relu-l1, width: 64, steps: 40,
                   held-out-mazes: 2}
        - {name: steer, type: steer-cheese-vector, params: {model: maze-agent, hook: stages.1.res.1.resid_out, mazes: 6}}
        - {name: report, type: report, needs: [probes, sae, steer], params: {title: reduced run}}
      """;

  @TempDir
  Path dir;

  @Test
  void aReducedExperimentRunsThroughTheMeshAndItsRerunRunsNoStep() throws Exception {
    long rows = 0;
    for (int i = 0; i < 4; i++) {
      rows += MazeSpec.Seeded.of(100 + i, CheeseRegion.ANYWHERE).build().freeSquares().size();
    }
    long heldOutRows = 0;
    for (int i = 0; i < 2; i++) {
      heldOutRows += MazeSpec.Seeded.of(TrainingConfig.HELD_OUT_SEED_BASE + i, CheeseRegion.ANYWHERE).build()
          .freeSquares().size();
    }
    int decision = 0;
    for (int i = 0; i < 6; i++) {
      Maze m = MazeSpec.Seeded.of(TrainingConfig.HELD_OUT_SEED_BASE + i, CheeseRegion.ANYWHERE).build();
      decision += new PathFinder(m).decisionSquare().isPresent() ? 1 : 0;
    }

    try (EmbeddedMesh mesh = EmbeddedMesh.start(dir.resolve("mesh"), s -> { });
        Orchestrator orchestrator = new Orchestrator(mesh.mesh(), dir, null, null, null, 2)) {
      orchestrator.runner().validator().validate(Orchestrator.defaultSpec(), "the default spec");

      RunRecord first = orchestrator.runner().submit(SPEC, "reduced.yaml").await(10, TimeUnit.MINUTES);
      assertEquals(RunState.SUCCEEDED, first.state(), first.message() + " " + first.steps());
      JsonObject report = JsonParser.parseString(Files.readString(Path.of(first.report()).resolveSibling(
          "report.json"))).getAsJsonObject().getAsJsonObject("steps");

      JsonObject capture = report.getAsJsonObject("capture");
      assertEquals(rows, capture.get("rows").getAsLong());
      for (String hook : new String[] {"stages.2.res.1.resid_out", "fc_out"}) {
        String id = capture.getAsJsonObject("datasets").get(hook).getAsString();
        assertEquals(rows, mesh.mesh().store().dataset(id).getDataset().getRows(), hook);
        assertEquals(4, mesh.mesh().store().dataset(id).getBatchesCount(), hook);
      }
      var probes = report.getAsJsonObject("probes").getAsJsonArray("probes");
      assertEquals(4, probes.size(), "one probe per concept on all rows");
      for (var p : probes) {
        assertEquals("fc_out", p.getAsJsonObject().get("hook").getAsString());
      }
      JsonObject sae = report.getAsJsonObject("sae");
      assertEquals(heldOutRows, sae.getAsJsonObject("held_out").get("rows").getAsLong());
      assertEquals(64, sae.getAsJsonObject("config").get("d_sae").getAsInt());
      assertEquals(512, sae.getAsJsonObject("config").get("d_in").getAsInt());
      double agreement = sae.get("top_action_agreement").getAsDouble();
      assertTrue(agreement >= 0 && agreement <= 1, "agreement " + agreement);
      assertEquals(2, mesh.mesh().store().artifacts("sae", capture.getAsJsonObject("datasets")
          .get("stages.2.res.1.resid_out").getAsString()).size());
      JsonObject steer = report.getAsJsonObject("steer");
      assertEquals(decision, steer.get("mazes_with_decision_square").getAsInt());
      assertEquals(decision, steer.getAsJsonObject("conditions").getAsJsonObject("cheese_vector").get("mazes")
          .getAsInt());
      assertEquals(Math.min(2, decision), steer.getAsJsonArray("figures").size());

      String html = Files.readString(Path.of(first.report()));
      for (String section : new String[] {"<h1>reduced run</h1>", "id=\"capture\"", "id=\"probes\"", "id=\"sae\"",
          "id=\"steering\"", "<svg", "Vector fields"}) {
        assertTrue(html.contains(section), section);
      }

      int datasets = mesh.mesh().store().list(ListDatasetsRequest.getDefaultInstance()).size();
      RunRecord second = orchestrator.runner().submit(SPEC, "reduced.yaml").await(1, TimeUnit.MINUTES);
      assertEquals(RunState.SUCCEEDED, second.state());
      assertTrue(second.steps().stream().allMatch(s -> s.state() == StepState.CACHED), second.steps().toString());
      assertEquals(first.report(), second.report());
      assertEquals(datasets, mesh.mesh().store().list(ListDatasetsRequest.getDefaultInstance()).size());

      // The same spec on the services' code in this JVM (what the mesh benchmark compares against):
      // the same rows, the same probe fits, the same SAE, the same steering numbers.
      try (InProcessServices local = InProcessServices.start();
          Orchestrator inProcess = new Orchestrator(local, dir.resolve("in-process"), null, null, null, 2)) {
        RunRecord run = inProcess.runner().submit(SPEC, "reduced.yaml").await(10, TimeUnit.MINUTES);
        assertEquals(RunState.SUCCEEDED, run.state(), run.message() + " " + run.steps());
        JsonObject same = JsonParser.parseString(Files.readString(Path.of(run.report()).resolveSibling(
            "report.json"))).getAsJsonObject().getAsJsonObject("steps");
        assertEquals(rows, same.getAsJsonObject("capture").get("rows").getAsLong());
        assertEquals(probes, same.getAsJsonObject("probes").getAsJsonArray("probes"));
        assertEquals(sae.get("config"), same.getAsJsonObject("sae").get("config"));
        JsonObject heldOut = sae.getAsJsonObject("held_out");
        JsonObject heldOutLocal = same.getAsJsonObject("sae").getAsJsonObject("held_out");
        assertEquals(heldOut.keySet(), heldOutLocal.keySet());
        for (String k : heldOut.keySet()) {
          if (heldOut.get(k).isJsonPrimitive()) {
            assertEquals(heldOut.get(k).getAsDouble(), heldOutLocal.get(k).getAsDouble(), 1e-5, k);
          }
        }
        assertEquals(sae.get("downstream_kl").getAsDouble(), same.getAsJsonObject("sae").get("downstream_kl")
            .getAsDouble(), 1e-5);
        assertEquals(steer.get("conditions"), same.getAsJsonObject("steer").get("conditions"));
        assertTrue(Files.readString(Path.of(run.report())).contains("<h1>reduced run</h1>"));
      }
    }
  }
}
