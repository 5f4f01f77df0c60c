package dev.kibitz.orchestrator.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.orchestrator.Orchestrator;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.orchestrator.state.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Head-only fine-tuning (knowing vs doing, experiment 2) on a reduced size with real Stockfish: the
 * transitions obey their thresholds, the groups add up, every backbone is byte-identical, and the
 * report has the section.
 */
class ChessHeadFineTuneTest {
  @TempDir
  Path dir;

  @Test
  void aReducedHeadFineTuningRunKeepsEveryBackboneByte() throws Exception {
    String spec = """
        name: head-reduced
        steps:
          - name: finetune
            type: finetune-head
            params: {data: "%s", candidates: 600, ordinary: 60, rehearsal: 200, depth: 6, steps: 20, batch: 16,
                     min-train: 2, test-fraction: 0.3}
          - {name: report, type: report, needs: [finetune], params: {title: head fine-tuning}}
        """.formatted(ChessConceptsByEloTest.DATA);
    try (InProcessServices services = InProcessServices.start();
        Orchestrator orchestrator = new Orchestrator(services, dir, null, null, null, 1)) {
      RunRecord run = orchestrator.runner().submit(spec, "head-reduced.yaml").await(10, TimeUnit.MINUTES);
      assertEquals(RunState.SUCCEEDED, run.state(), run.message() + " " + run.steps());
      Path report = Path.of(run.report());
      JsonObject o = JsonParser.parseString(Files.readString(report.resolveSibling("report.json"))).getAsJsonObject()
          .getAsJsonObject("steps").getAsJsonObject("finetune");

      assertEquals(600, o.get("candidates").getAsInt());
      int transitions = o.get("transitions").getAsInt();
      assertTrue(transitions > 0 && transitions <= o.get("differing").getAsInt(), o.toString());
      int grouped = o.getAsJsonObject("group_sizes").entrySet().stream().mapToInt(e -> e.getValue().getAsInt()).sum();
      assertEquals(transitions, grouped);
      assertEquals(60, o.getAsJsonObject("ordinary_before").get("positions").getAsInt());
      assertEquals(1.0, o.getAsJsonObject("ordinary_before").get("low_elo_move_unchanged").getAsDouble());

      assertTrue(o.getAsJsonArray("heads").size() >= 1);
      JsonObject pooled = null;
      for (JsonElement e : o.getAsJsonArray("heads")) {
        JsonObject h = e.getAsJsonObject();
        assertTrue(h.get("backbone_identical").getAsBoolean(), h.toString());
        assertEquals(28, h.get("backbone_parameters").getAsInt());
        assertTrue(h.get("head_changed").getAsBoolean());
        // the base policy blunders on every selected position and never plays the high-Elo move there
        assertEquals(1.0, h.getAsJsonObject("targeted_before").get("blunder_rate").getAsDouble());
        assertEquals(0.0, h.getAsJsonObject("targeted_before").get("plays_high_elo_move").getAsDouble());
        int trainedPlusHeld = h.get("trained").getAsInt() + h.get("held_out").getAsInt();
        if (h.get("concept").getAsString().equals("all")) {
          pooled = h;
          assertEquals(transitions, trainedPlusHeld);
          assertEquals(0, h.getAsJsonObject("other_before").get("positions").getAsInt());
        } else {
          assertEquals(o.getAsJsonObject("group_sizes").get(h.get("concept").getAsString()).getAsInt(),
              trainedPlusHeld);
        }
      }
      assertTrue(pooled != null, "the pooled head is tuned whenever some group is");
      assertTrue(o.get("backbone_identical_in_all").getAsBoolean());
      String html = Files.readString(report);
      assertTrue(html.contains("<h2 id=\"finetune-head\">"), "report section");
      assertTrue(html.contains("Backbone bytes identical after every fine-tuning: <b>yes</b>"));
      assertEquals(1, o.getAsJsonArray("figures").size());
    }
  }
}
