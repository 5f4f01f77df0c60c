package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kibitz.games.chess.agent.ChessExamples;
import dev.kibitz.games.chess.externalize.MoveJudge;
import java.util.List;

/**
 * One concept's steering measures: for each condition (base, steered, control), over the positions where the
 * concept holds, how often the top move acts on the concept, blunders (loses at least the threshold against
 * Stockfish) and is the recorded Stockfish best move, and how often it differs from the base move.
 */
final class SteeringMeasures {
  private final String concept;
  private final List<ChessExamples.Example> positions;
  private final int blunderCp;
  private final MoveJudge judge;
  private final JsonObject conditions = new JsonObject();

  SteeringMeasures(String concept, List<ChessExamples.Example> positions, int blunderCp, MoveJudge judge) {
    this.concept = concept;
    this.positions = positions;
    this.blunderCp = blunderCp;
    this.judge = judge;
  }

  /** Measures the base condition; returns its moves. */
  int[] add(String condition, int[] moves) throws InterruptedException {
    return add(condition, moves, moves);
  }

  /** Measures a condition against the base moves; returns its moves. */
  int[] add(String condition, int[] moves, int[] base) throws InterruptedException {
    int[] losses = judge.losses(positions.stream().map(ChessExamples.Example::fen).toList(), moves, n -> {});
    int acts = 0;
    int blunders = 0;
    int best = 0;
    int changed = 0;
    for (int i = 0; i < moves.length; i++) {
      acts += SteerSaeFeaturesStep.acts(concept, positions.get(i), moves[i]) ? 1 : 0;
      blunders += losses[i] >= blunderCp ? 1 : 0;
      best += moves[i] == positions.get(i).best() ? 1 : 0;
      changed += moves[i] != base[i] ? 1 : 0;
    }
    JsonObject o = new JsonObject();
    o.addProperty("acts_on_concept", rate(acts));
    o.addProperty("blunder_rate", rate(blunders));
    o.addProperty("plays_stockfish_best", rate(best));
    o.addProperty("move_changed", rate(changed));
    conditions.add(condition, o);
    return moves;
  }

  JsonObject json(int selectionPositive, List<SaeFeatureSelection.Scored> chosen, List<Integer> control) {
    JsonObject o = new JsonObject();
    o.addProperty("concept", concept);
    o.addProperty("selection_positives", selectionPositive);
    o.addProperty("positions", positions.size());
    JsonArray features = new JsonArray();
    for (SaeFeatureSelection.Scored s : chosen) {
      JsonObject f = new JsonObject();
      f.addProperty("feature", s.feature());
      f.addProperty("auc", s.auc());
      features.add(f);
    }
    o.add("features", features);
    JsonArray random = new JsonArray();
    control.forEach(random::add);
    o.add("control_features", random);
    o.add("conditions", conditions);
    return o;
  }

  private double rate(int count) {
    return positions.isEmpty() ? Double.NaN : (double) count / positions.size();
  }
}
