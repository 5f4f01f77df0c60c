package dev.kibitz.sae.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.sae.arch.TopKSae;
import dev.kibitz.sae.checkpoint.SaeCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maze SAE experiment end to end on a few mazes: every square captured, stored, trained on, measured. */
class MazeSaeExperimentTest {

  static long squares(long firstSeed, int count) {
    long n = 0;
    for (int i = 0; i < count; i++) {
      n += new MazeSpec.Seeded(firstSeed + i, 0, CheeseRegion.ANYWHERE, 5).build().freeSquares().size();
    }
    return n;
  }

  @Test
  void capturesEverySquareTrainsAndReportsReconstructionAndFidelity(@TempDir Path dir) throws Exception {
    JsonObject report = MazeSaeExperiment.run(new MazeSaeExperiment.Options("fc_out", 6, 2, new TopKSae(8, 16,
        1.0 / 32), 128, 60, 0, dir));
    assertEquals(report, JsonParser.parseString(Files.readString(dir.resolve("report.json"))).getAsJsonObject());
    assertEquals("fc_out", report.get("hook").getAsString());
    assertEquals(squares(0, 6), report.get("train_rows").getAsLong());
    JsonObject held = report.getAsJsonObject("held_out");
    assertEquals(squares(1_000_000_000L, 2), held.get("rows").getAsLong());
    double l0 = held.get("mean_l0").getAsDouble();
    assertTrue(l0 > 0 && l0 <= 8, "TopK-8 fires at most 8 features per row: " + l0);
    double fvu = held.get("fvu").getAsDouble();
    assertTrue(fvu > 0 && fvu < 1, "an SAE trained for 60 steps explains some variance: " + fvu);
    double kl = report.get("downstream_kl").getAsDouble();
    assertTrue(kl >= 0 && Double.isFinite(kl), "KL " + kl);
    double agreement = report.get("top_action_agreement").getAsDouble();
    assertTrue(agreement >= 0 && agreement <= 1, "agreement " + agreement);
    assertEquals(60, SaeCheckpoint.load(dir.resolve("sae")).step());
    var features = JsonParser.parseString(Files.readString(dir.resolve("features.json"))).getAsJsonArray();
    assertEquals(128, features.size());
    for (var f : features) {
      JsonObject o = f.getAsJsonObject();
      var top = o.getAsJsonArray("top_examples");
      assertTrue(top.size() <= 8);
      for (var e : top) {
        long id = e.getAsJsonObject().get("input_id").getAsLong();
        assertTrue(id / 1000 >= 1_000_000_000L && id / 1000 < 1_000_000_002L, "a held-out square: " + id);
      }
      assertEquals(o.get("firing_frequency").getAsDouble() == 0, top.isEmpty(), "feature " + o.get("feature"));
    }
  }

  @Test
  void sweepWritesItsTableAndBothParetoPlots(@TempDir Path dir) throws Exception {
    MazeSaeExperiment.run(new MazeSaeExperiment.Options("fc_out", 3, 1, new TopKSae(8, 16, 1.0 / 32), 64, 30, 0, dir),
        java.util.List.of(new dev.kibitz.sae.sweep.SaeSweep.Family(new TopKSae(4, 16, 1.0 / 32), java.util.List.of(4.0,
            8.0)), new dev.kibitz.sae.sweep.SaeSweep.Family(new dev.kibitz.sae.arch.ReluL1Sae(1), java.util.List.of(
            3.0))));
    Path sweep = dir.resolve("sweep");
    var table = JsonParser.parseString(Files.readString(sweep.resolve("sweep.json"))).getAsJsonArray();
    assertEquals(3, table.size());
    assertEquals(java.util.List.of("topk", "topk", "relu_l1"), java.util.stream.StreamSupport.stream(
        table.spliterator(), false).map(e -> e.getAsJsonObject().getAsJsonObject("architecture").get("architecture")
        .getAsString()).toList());
    for (var e : table) {
      double kl = e.getAsJsonObject().get("downstream_kl").getAsDouble();
      assertTrue(kl >= 0 && Double.isFinite(kl), "KL " + kl);
    }
    assertTrue(table.get(0).getAsJsonObject().get("mean_l0").getAsDouble() <= 4);
    assertEquals(2 + 3, Files.readString(sweep.resolve("sweep.md")).lines().count());
    for (String f : java.util.List.of("pareto.png", "pareto.svg", "pareto-kl.png", "pareto-kl.svg")) {
      assertTrue(Files.size(sweep.resolve(f)) > 500, f);
    }
    assertTrue(Files.readString(sweep.resolve("pareto-kl.svg")).contains(">KL (nats)</text>"));
  }
}
