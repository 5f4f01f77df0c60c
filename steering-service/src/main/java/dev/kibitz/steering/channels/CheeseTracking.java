package dev.kibitz.steering.channels;

import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.Square;
import dev.kibitz.steering.evaluate.HookGrid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Scores how closely each channel of a spatial hook follows the cheese: over many mazes, where the
 * channel's largest activation sits against the cell that covers the cheese. A channel that only
 * ever lights up in one corner scores 0 however strong it is; one whose peak moves with the cheese
 * scores near 1.
 */
public final class CheeseTracking {
  private CheeseTracking() {}

  /** One channel's scores; see ChannelScore in steering.proto for each field. */
  public record Score(int channel, double peakCorrelation, double rowCorrelation, double colCorrelation,
      double peakOnCheese, double cheeseResponse, double maxActivation, double responsePeakCorrelation,
      double responseEnergy) {}

  /**
   * @param withCheese per maze, the flat [channels, side, side] activation at the mouse's start
   * @param withoutCheese the same states with the cheese plane blank
   * @param order the score to rank by, larger first
   * @return every channel, best first (ties by channel index)
   */
  public static List<Score> rank(List<Maze> mazes, List<float[]> withCheese, List<float[]> withoutCheese,
      HookGrid grid, ToDoubleFunction<Score> order) {
    int cells = grid.side() * grid.side();
    int channels = withCheese.get(0).length / cells;
    int n = mazes.size();
    double[] cheeseRows = new double[n];
    double[] cheeseCols = new double[n];
    for (int i = 0; i < n; i++) {
      Square c = grid.cell(mazes.get(i).cheese());
      cheeseRows[i] = c.row();
      cheeseCols[i] = c.col();
    }
    List<Score> scores = new ArrayList<>();
    for (int ch = 0; ch < channels; ch++) {
      double[] peakRows = new double[n];
      double[] peakCols = new double[n];
      double[] responseRows = new double[n];
      double[] responseCols = new double[n];
      double energy = 0;
      int onCheese = 0;
      double response = 0;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        float[] map = withCheese.get(i);
        int best = ch * cells;
        for (int k = ch * cells; k < (ch + 1) * cells; k++) {
          if (map[k] > map[best]) {
            best = k;
          }
          max = Math.max(max, map[k]);
        }
        int cell = best - ch * cells;
        peakRows[i] = cell / grid.side();
        peakCols[i] = cell % grid.side();
        onCheese += peakRows[i] == cheeseRows[i] && peakCols[i] == cheeseCols[i] ? 1 : 0;
        int at = ch * cells + (int) cheeseRows[i] * grid.side() + (int) cheeseCols[i];
        response += map[at] - withoutCheese.get(i)[at];
        float[] without = withoutCheese.get(i);
        int bestResponse = ch * cells;
        for (int k = ch * cells; k < (ch + 1) * cells; k++) {
          double d = map[k] - without[k];
          energy += d * d;
          if (d > map[bestResponse] - without[bestResponse]) {
            bestResponse = k;
          }
        }
        responseRows[i] = (bestResponse - ch * cells) / grid.side();
        responseCols[i] = (bestResponse - ch * cells) % grid.side();
      }
      double rows = pearson(peakRows, cheeseRows);
      double cols = pearson(peakCols, cheeseCols);
      double responsePeak = (pearson(responseRows, cheeseRows) + pearson(responseCols, cheeseCols)) / 2;
      scores.add(new Score(ch, (rows + cols) / 2, rows, cols, (double) onCheese / n, response / n, max,
          responsePeak, energy / n));
    }
    scores.sort(Comparator.comparingDouble(order).reversed().thenComparingInt(Score::channel));
    return scores;
  }

  /** Pearson's r; 0 when either side is constant (a peak that never moves tracks nothing). */
  static double pearson(double[] x, double[] y) {
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }
}
