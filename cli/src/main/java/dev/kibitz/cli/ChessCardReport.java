package dev.kibitz.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kibitz.games.chess.agent.ConditionedMoveMatch;
import dev.kibitz.games.chess.agent.MoveMatch;
import dev.kibitz.games.chess.agent.ShippedChessPolicy;
import dev.kibitz.games.chess.data.EloLevels;
import dev.kibitz.games.maze.view.LinePlot;
import dev.kibitz.probe.report.Heatmap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The chess model card's numbers as report.json / report.md, its figures, and the shipped training log. */
final class ChessCardReport {
  private static final int B = EloLevels.COUNT;

  /** One checkpoint: training loss since the previous one, held-out loss and move-match, the fixed sample's. */
  record CheckpointRow(int step, double trainLoss, MoveMatch.Result heldOut, double sampleMoveMatch, boolean shipped) {}

  private final List<CheckpointRow> curve;
  private final int lastStep;
  private final ConditionedMoveMatch.Result matrix;
  private final int heldOutPositions;
  /**
   * Held-out positions relabelled with every level's move (`chess relabel --held-out`), each evaluated under
   * every conditioning: the Maia matrix on the same positions in every column; null when not measured.
   */
  private final ConditionedMoveMatch.Result samePositions;
  /** Whether those positions are of training games instead (`chess card --in-sample`). */
  private final boolean samePositionsInSample;

  ChessCardReport(List<CheckpointRow> curve, int lastStep, ConditionedMoveMatch.Result matrix, int heldOutPositions,
      ConditionedMoveMatch.Result samePositions, boolean samePositionsInSample) {
    this.curve = List.copyOf(curve);
    this.lastStep = lastStep;
    this.matrix = matrix;
    this.heldOutPositions = heldOutPositions;
    this.samePositions = samePositions;
    this.samePositionsInSample = samePositionsInSample;
  }

  private static List<String> eloLabels() {
    List<String> out = new ArrayList<>();
    for (int b = 0; b < B; b++) {
      out.add(Integer.toString(EloLevels.elo(b)));
    }
    return out;
  }

  /** Move-match conditioned on row c for true bucket column t; and the same minus the column's mean. */
  private static double[][] matrixValues(ConditionedMoveMatch.Result m, boolean centred) {
    double[][] v = new double[B][B];
    for (int t = 0; t < B; t++) {
      double mean = 0;
      for (int c = 0; c < B; c++) {
        mean += m.moveMatch(c, t) / B;
      }
      for (int c = 0; c < B; c++) {
        v[c][t] = m.moveMatch(c, t) - (centred ? mean : 0);
      }
    }
    return v;
  }

  /** The largest |x| over finite cells: a centred map's colour scale. */
  private static double span(double[][] values) {
    double span = 0;
    for (double[] r : values) {
      for (double x : r) {
        span = Double.isFinite(x) ? Math.max(span, Math.abs(x)) : span;
      }
    }
    return span;
  }

  void write(Path out) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("report.json"), new GsonBuilder().setPrettyPrinting()
        .serializeSpecialFloatingPointValues().create().toJson(json()));
    Files.writeString(out.resolve("report.md"), markdown());
    List<String> elos = eloLabels();
    double[][] raw = matrixValues(matrix, false);
    // A bucket without held-out positions is a NaN column, drawn grey and left out of the scale.
    double lo = 1;
    double hi = 0;
    for (double[] r : raw) {
      for (double x : r) {
        if (Double.isFinite(x)) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
    }
    if (!(hi > lo)) {
      lo = 0;
      hi = 1;
    }
    new Heatmap("move-match: conditioned mover Elo (rows) x true mover Elo (columns)", rows(elos), elos, raw,
        Math.floor(lo * 100) / 100, Math.ceil(hi * 100) / 100).writePng(out.resolve("maia-matrix.png"));
    double[][] centred = matrixValues(matrix, true);
    new Heatmap("move-match minus its column's mean (rows: conditioned, columns: true)", rows(elos), elos, centred, 0,
        Math.max(1e-3, span(centred))).writePng(out.resolve("maia-matrix-centred.png"));
    double[][] nllGain = nllGainValues();
    new Heatmap("played move's log-likelihood gain over the column's mean, nats (rows: conditioned, columns: true)",
        rows(elos), elos, nllGain, 0, Math.max(1e-4, span(nllGain))).writePng(out.resolve("maia-nll-centred.png"));
    if (samePositions != null) {
      double[][] same = matrixValues(samePositions, true);
      new Heatmap("same positions: move-match minus column mean (rows: conditioned, columns: level's move)",
          rows(elos), elos, same, 0, Math.max(1e-3, span(same)))
          .writePng(out.resolve("maia-same-positions-centred.png"));
    }
    List<String> present = new ArrayList<>();
    List<Double> diagonal = new ArrayList<>();
    List<Double> agreement = new ArrayList<>();
    for (int b = 0; b < B; b++) {
      if (matrix.counts()[b] > 0) {
        present.add(elos.get(b));
        diagonal.add(matrix.trueConditioned(b));
      }
      agreement.add(matrix.stockfishAgreement(b));
    }
    new LinePlot("held-out move-match by the mover's Elo (conditioned on it)", "mover Elo", "move-match", present,
        diagonal).writePng(out.resolve("move-match-by-elo.png"));
    new LinePlot("top-1 agreement with Stockfish's best move", "conditioned mover Elo", "agreement", elos, agreement)
        .writePng(out.resolve("stockfish-agreement.png"));
    new LinePlot("held-out move-match along training", "step", "move-match",
        curve.stream().map(r -> Integer.toString(r.step())).toList(),
        curve.stream().map(r -> r.heldOut().overall()).toList()).writePng(out.resolve("training-curve.png"));
  }

  /** The column's mean NLL minus the cell's: positive where conditioning on row c explains column t's moves better. */
  private double[][] nllGainValues() {
    double[][] v = new double[B][B];
    for (int t = 0; t < B; t++) {
      double mean = 0;
      for (int c = 0; c < B; c++) {
        mean += matrix.meanNll(c, t) / B;
      }
      for (int c = 0; c < B; c++) {
        v[c][t] = mean - matrix.meanNll(c, t);
      }
    }
    return v;
  }

  /** Over all examples, mean of {@code perCell(c, t)} weighted by the true buckets' counts, for pairs |c - t| = d. */
  private double byDistance(int d, java.util.function.BiFunction<Integer, Integer, Double> perCell) {
    double sum = 0;
    long n = 0;
    for (int t = 0; t < B; t++) {
      for (int c = 0; c < B; c++) {
        if (Math.abs(c - t) == d && matrix.counts()[t] > 0) {
          sum += perCell.apply(c, t) * matrix.counts()[t];
          n += matrix.counts()[t];
        }
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static List<String> rows(List<String> elos) {
    return elos.stream().map(e -> "as " + e).toList();
  }

  JsonObject json() {
    JsonObject o = new JsonObject();
    o.addProperty("held_out_positions", heldOutPositions);
    o.addProperty("last_step", lastStep);
    o.add("checkpoints", checkpointsJson());
    JsonArray buckets = new JsonArray();
    for (int t = 0; t < B; t++) {
      JsonObject b = new JsonObject();
      b.addProperty("elo", EloLevels.elo(t));
      b.addProperty("positions", matrix.counts()[t]);
      b.addProperty("move_match_true_conditioning", round(matrix.trueConditioned(t)));
      b.addProperty("best_conditioning_elo", EloLevels.elo(matrix.bestConditioning(t)));
      b.addProperty("player_agrees_with_stockfish", round((double) matrix.playerBest()[t] / matrix.counts()[t]));
      JsonArray row = new JsonArray();
      for (int c = 0; c < B; c++) {
        row.add(round(matrix.moveMatch(c, t)));
      }
      b.add("move_match_by_conditioning", row);
      JsonArray nllRow = new JsonArray();
      JsonArray klRow = new JsonArray();
      JsonArray changedRow = new JsonArray();
      for (int c = 0; c < B; c++) {
        nllRow.add(round(matrix.meanNll(c, t)));
        klRow.add(round(matrix.meanKl(c, t)));
        changedRow.add(round(matrix.topChangedRate(c, t)));
      }
      b.add("played_move_nll_by_conditioning", nllRow);
      b.add("kl_from_true_conditioning", klRow);
      b.add("top_move_differs_from_true_conditioning", changedRow);
      b.addProperty("lowest_nll_conditioning_elo", EloLevels.elo(matrix.bestNllConditioning(t)));
      buckets.add(b);
    }
    o.add("by_true_elo", buckets);
    JsonArray sf = new JsonArray();
    for (int c = 0; c < B; c++) {
      JsonObject x = new JsonObject();
      x.addProperty("conditioned_elo", EloLevels.elo(c));
      x.addProperty("stockfish_agreement", round(matrix.stockfishAgreement(c)));
      sf.add(x);
    }
    o.add("stockfish_agreement", sf);
    o.addProperty("diagonal_is_column_best", diagonalWins());
    o.addProperty("diagonal_has_column_lowest_nll", diagonalNllWins());
    JsonArray distance = new JsonArray();
    for (int d = 1; d < B; d++) {
      JsonObject x = new JsonObject();
      x.addProperty("buckets_apart", d);
      x.addProperty("mean_kl_nats", round(byDistance(d, matrix::meanKl)));
      x.addProperty("top_move_differs", round(byDistance(d, matrix::topChangedRate)));
      distance.add(x);
    }
    o.add("conditioning_sensitivity", distance);
    if (samePositions != null) {
      JsonObject same = new JsonObject();
      same.addProperty("positions", samePositions.counts()[0]);
      same.addProperty("in_sample", samePositionsInSample);
      JsonArray mm = new JsonArray();
      JsonArray nll = new JsonArray();
      for (int c = 0; c < B; c++) {
        JsonArray mmRow = new JsonArray();
        JsonArray nllRow = new JsonArray();
        for (int t = 0; t < B; t++) {
          mmRow.add(round(samePositions.moveMatch(c, t)));
          nllRow.add(round(samePositions.meanNll(c, t)));
        }
        mm.add(mmRow);
        nll.add(nllRow);
      }
      same.add("move_match_conditioned_by_level", mm);
      same.add("nll_conditioned_by_level", nll);
      same.addProperty("diagonal_is_column_best", diagonalWins(samePositions));
      same.addProperty("diagonal_has_column_lowest_nll", diagonalNllWins(samePositions));
      o.add("same_positions_every_level", same);
    }
    return o;
  }

  private int diagonalWins() {
    return diagonalWins(matrix);
  }

  private int diagonalNllWins() {
    return diagonalNllWins(matrix);
  }

  private static int diagonalWins(ConditionedMoveMatch.Result m) {
    int wins = 0;
    for (int t = 0; t < B; t++) {
      wins += m.counts()[t] > 0 && m.bestConditioning(t) == t ? 1 : 0;
    }
    return wins;
  }

  private static int diagonalNllWins(ConditionedMoveMatch.Result m) {
    int wins = 0;
    for (int t = 0; t < B; t++) {
      wins += m.counts()[t] > 0 && m.bestNllConditioning(t) == t ? 1 : 0;
    }
    return wins;
  }

  private JsonArray checkpointsJson() {
    JsonArray a = new JsonArray();
    for (CheckpointRow r : curve) {
      JsonObject x = new JsonObject();
      x.addProperty("step", r.step());
      x.addProperty("file", ShippedChessPolicy.checkpointName(r.step()) + ".safetensors");
      x.addProperty("shipped", r.shipped());
      if (Double.isFinite(r.trainLoss())) {
        x.addProperty("mean_train_loss_since_previous", round(r.trainLoss()));
      }
      x.addProperty("held_out_loss", round(r.heldOut().meanLoss()));
      x.addProperty("held_out_move_match", round(r.heldOut().overall()));
      x.addProperty("fixed_sample_move_match", r.sampleMoveMatch());
      a.add(x);
    }
    return a;
  }

  /** The zoo's training-log.json: every checkpoint with its numbers, those shipped marked. */
  String trainingLog() {
    return new GsonBuilder().setPrettyPrinting().create().toJson(checkpointsJson()) + "\n";
  }

  String markdown() {
    StringBuilder s = new StringBuilder();
    s.append("## Along training (").append(heldOutPositions).append(" held-out positions)\n\n");
    s.append("| checkpoint | training loss | held-out loss | held-out move-match |\n|---|---|---|---|\n");
    for (CheckpointRow r : curve) {
      s.append(String.format(Locale.ROOT, "| `%s`%s | %s | %.4f | %.4f |%n", ShippedChessPolicy.checkpointName(r.step()),
          r.shipped() ? " (shipped)" : "", Double.isFinite(r.trainLoss()) ? String.format(Locale.ROOT, "%.4f",
              r.trainLoss()) : "-", r.heldOut().meanLoss(), r.heldOut().overall()));
    }
    s.append("\n## By the mover's Elo (step ").append(lastStep).append(")\n\n");
    s.append("| mover Elo | positions | move-match (conditioned on it) | best conditioning | player = Stockfish |\n");
    s.append("|---|---|---|---|---|\n");
    for (int t = 0; t < B; t++) {
      s.append(String.format(Locale.ROOT, "| %d | %d | %.4f | %d | %.4f |%n", EloLevels.elo(t), matrix.counts()[t],
          matrix.trueConditioned(t), EloLevels.elo(matrix.bestConditioning(t)),
          (double) matrix.playerBest()[t] / matrix.counts()[t]));
    }
    s.append("\n## Move-match, conditioned (rows) x true mover Elo (columns)\n\n");
    matrixTable(s, matrix::moveMatch);
    s.append("\nThe diagonal is its column's best in ").append(diagonalWins()).append(" of ").append(B)
        .append(" columns.\n\n## Played move's mean NLL (nats), conditioned (rows) x true mover Elo (columns)\n\n"
        + "The Maia property in likelihood: the true bucket should explain a player's moves best (lowest NLL).\n\n");
    matrixTable(s, matrix::meanNll);
    s.append("\nThe diagonal has its column's lowest NLL in ").append(diagonalNllWins()).append(" of ").append(B)
        .append(" columns.\n\n## How much the conditioning moves the policy\n\n"
            + "| buckets apart | mean KL(true || conditioned), nats | top move differs |\n|---|---|---|\n");
    for (int d = 1; d < B; d++) {
      s.append(String.format(Locale.ROOT, "| %d | %.5f | %.4f |%n", d, byDistance(d, matrix::meanKl),
          byDistance(d, matrix::topChangedRate)));
    }
    s.append("\n## Top-1 agreement with Stockfish's best move\n\n| conditioned Elo | agreement |\n|---|---|\n");
    for (int c = 0; c < B; c++) {
      s.append(String.format(Locale.ROOT, "| %d | %.4f |%n", EloLevels.elo(c), matrix.stockfishAgreement(c)));
    }
    if (samePositions != null) {
      s.append("\n## Same positions, every level's move").append(samePositionsInSample ? " (in-sample)" : "")
          .append("\n\n").append(samePositions.counts()[0])
          .append(samePositionsInSample ? " positions of training games (`chess relabel`), which the model may have "
              + "been trained on, each labelled" : " held-out positions, each labelled")
          .append(" with the move every level plays there and evaluated under every conditioning, so each column "
              + "holds the same positions.\n\nMove-match, conditioned (rows) x level whose move is the target "
              + "(columns):\n\n");
      matrixTable(s, samePositions::moveMatch);
      s.append("\nThe diagonal is its column's best in ").append(diagonalWins(samePositions)).append(" of ").append(B)
          .append(" columns.\n\nThe level's move's mean NLL (nats):\n\n");
      matrixTable(s, samePositions::meanNll);
      s.append("\nThe diagonal has its column's lowest NLL in ").append(diagonalNllWins(samePositions)).append(" of ")
          .append(B).append(" columns.\n");
    }
    return s.toString();
  }

  /** A conditioned (rows) x true (columns) table of {@code cell}, the diagonal in bold. */
  private static void matrixTable(StringBuilder s, java.util.function.BiFunction<Integer, Integer, Double> cell) {
    s.append("| conditioned |");
    eloLabels().forEach(e -> s.append(' ').append(e).append(" |"));
    s.append("\n|---|").append("---|".repeat(B)).append('\n');
    for (int c = 0; c < B; c++) {
      s.append("| ").append(EloLevels.elo(c)).append(" |");
      for (int t = 0; t < B; t++) {
        String v = String.format(Locale.ROOT, "%.4f", cell.apply(c, t));
        s.append(' ').append(c == t ? "**" + v + "**" : v).append(" |");
      }
      s.append('\n');
    }
  }

  private static double round(double x) {
    return Math.round(x * 1e6) / 1e6;
  }
}
