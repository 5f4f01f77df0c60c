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
  }
}
