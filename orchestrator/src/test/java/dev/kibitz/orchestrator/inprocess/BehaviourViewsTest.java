package dev.kibitz.orchestrator.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.maze.agent.TrainingConfig;
import dev.kibitz.orchestrator.Orchestrator;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.orchestrator.state.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour views of the maze agent and the chess policy, in the report. */
class BehaviourViewsTest {
  @TempDir
  Path dir;

  @Test
  void mazeFieldsAndChessMoveProbabilitiesAreDrawn() throws Exception {
    String spec = """
        name: views
        steps:
          - {name: maze, type: behaviour-views, params: {model: maze-agent, count: 2}}
          - {name: chess, type: behaviour-views, params: {model: chess-policy, count: 3, data: "%s", top: 2}}
          - {name: report, type: report, needs: [maze, chess], params: {title: views}}
        """.formatted(ChessConceptsByEloTest.DATA);
    try (InProcessServices services = InProcessServices.start();
        Orchestrator orchestrator = new Orchestrator(services, dir, null, null, null, 2)) {
      RunRecord run = orchestrator.runner().submit(spec, "views.yaml").await(5, TimeUnit.MINUTES);
      assertEquals(RunState.SUCCEEDED, run.state(), run.message() + " " + run.steps());
      Path report = Path.of(run.report());
      JsonObject steps = JsonParser.parseString(Files.readString(report.resolveSibling("report.json")))
          .getAsJsonObject().getAsJsonObject("steps");

      JsonObject maze = steps.getAsJsonObject("maze");
      assertEquals("maze", maze.get("game").getAsString());
      assertEquals(2, maze.getAsJsonArray("views").size());
      for (int i = 0; i < 2; i++) {
        JsonObject v = maze.getAsJsonArray("views").get(i).getAsJsonObject();
        assertEquals(TrainingConfig.HELD_OUT_SEED_BASE + i, v.get("maze_seed").getAsLong());
        assertTrue(v.get("steps").getAsInt() >= 0);
        assertTrue(maze.getAsJsonArray("figures").get(i).getAsJsonObject().get("svg").getAsString()
            .startsWith("<?xml"));
      }

      JsonObject chess = steps.getAsJsonObject("chess");
      assertEquals(3, chess.getAsJsonArray("views").size());
      int[] trueElos = new int[3];
      int k = 0;
      for (JsonElement e : chess.getAsJsonArray("views")) {
        JsonObject v = e.getAsJsonObject();
        Position p = Position.fromFen(v.get("fen").getAsString());
        assertTrue(p.isLegal(Move.parseUci(v.get("played").getAsString())));
        assertEquals(8, v.getAsJsonArray("top_move_by_elo").size());
        for (JsonElement t : v.getAsJsonArray("top_move_by_elo")) {
          assertTrue(p.isLegal(Move.parseUci(t.getAsJsonObject().get("move").getAsString())), t.toString());
          double prob = t.getAsJsonObject().get("probability").getAsDouble();
          assertTrue(prob > 0 && prob <= 1, t.toString());
        }
        trueElos[k++] = v.get("true_mover_elo").getAsInt();
      }
      // the positions come from the true Elo levels in turn, lowest first
      assertEquals(1350, trueElos[0]);
      assertTrue(trueElos[0] < trueElos[1] && trueElos[1] < trueElos[2], java.util.Arrays.toString(trueElos));
      String html = Files.readString(report);
      assertTrue(html.contains("<h2 id=\"behaviour\">"));
      assertEquals(5, html.split("<svg", -1).length - 1, "2 maze fields and 3 chess heatmaps");
    }
  }
}
