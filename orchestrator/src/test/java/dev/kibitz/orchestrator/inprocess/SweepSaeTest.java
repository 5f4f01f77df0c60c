package dev.kibitz.orchestrator.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.orchestrator.Orchestrator;
import dev.kibitz.orchestrator.spec.InvalidSpecException;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.orchestrator.state.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An SAE sweep as one step: every grid point trained, measured on the same held-out mazes, plotted twice. */
class SweepSaeTest {
  private static final String CAPTURE = """
      name: sweep
      steps:
        - name: capture
          type: capture
          params: {model: maze-agent, hooks: [stages.1.res.1.resid_out], mazes: 6}
      """;

  @TempDir
  Path dir;

  @Test
  void aSweepTrainsAndMeasuresEveryGridPoint() throws Exception {
    String spec = CAPTURE + """
          - name: sweep
            type: sweep-sae
            needs: [capture]
            params: {capture: capture, families: ["relu-l1=1,5", "topk=4"], widths: [32, 64], steps: 20,
                     held-out-mazes: 2}
          - {name: report, type: report, needs: [sweep], params: {title: sweep}}
        """;
    try (InProcessServices services = InProcessServices.start();
        Orchestrator orchestrator = new Orchestrator(services, dir, null, null, null, 1)) {
      RunRecord run = orchestrator.runner().submit(spec, "sweep.yaml").await(10, TimeUnit.MINUTES);
      assertEquals(RunState.SUCCEEDED, run.state(), run.message() + " " + run.steps());
      Path report = Path.of(run.report());
      JsonObject sweep = JsonParser.parseString(Files.readString(report.resolveSibling("report.json")))
          .getAsJsonObject().getAsJsonObject("steps").getAsJsonObject("sweep");
      JsonArray points = sweep.getAsJsonArray("points");
      assertEquals(6, points.size()); // 2 widths x (2 relu-l1 + 1 topk)
      List<String> grid = List.of("relu-l1 1.0 32", "relu-l1 5.0 32", "topk 4.0 32", "relu-l1 1.0 64",
          "relu-l1 5.0 64", "topk 4.0 64");
      int rows = points.get(0).getAsJsonObject().get("rows").getAsInt();
      for (int i = 0; i < grid.size(); i++) {
        JsonObject p = points.get(i).getAsJsonObject();
        assertEquals(grid.get(i), p.get("architecture").getAsString() + " " + p.get("sparsity").getAsDouble() + " "
            + p.get("width").getAsInt());
        assertEquals(rows, p.get("rows").getAsInt(), "every point is measured on the same held-out rows");
        assertTrue(Files.exists(Path.of(p.get("checkpoint_dir").getAsString()).resolve("weights.safetensors")));
        assertTrue(p.get("downstream_kl").getAsDouble() >= 0);
      }
      // topk keeps at most k features per row
      assertTrue(points.get(2).getAsJsonObject().get("mean_l0").getAsDouble() <= 4.0 + 1e-9);
      assertEquals(2, sweep.getAsJsonArray("figures").size());
      String html = Files.readString(report);
      assertTrue(html.contains("<h2 id=\"sae-sweep\">"));
      assertTrue(html.contains("L0 against downstream KL"));
    }
  }

  @Test
  void aBadGridIsReportedPointByPoint() throws Exception {
    String spec = CAPTURE + """
          - name: sweep
            type: sweep-sae
            needs: [capture]
            params: {capture: capture, families: ["relu=1", "topk=2.5,100", "gated=x"], widths: [64]}
        """;
    try (InProcessServices services = InProcessServices.start();
        Orchestrator orchestrator = new Orchestrator(services, dir, null, null, null, 1)) {
      String message = assertThrows(InvalidSpecException.class,
          () -> orchestrator.runner().validator().validate(spec, "bad-sweep.yaml")).getMessage();
      assertTrue(message.contains("'relu=1' is not ARCHITECTURE=S1,S2,... with an architecture of relu-l1, gated, "
          + "topk, jumprelu"), message);
      assertTrue(message.contains("topk sparsity 2.5 is not a whole k from 1 to every width"), message);
      assertTrue(message.contains("topk sparsity 100 is not a whole k from 1 to every width"), message);
      assertTrue(message.contains("'x' in 'gated=x' is not a number"), message);
    }
  }
}
