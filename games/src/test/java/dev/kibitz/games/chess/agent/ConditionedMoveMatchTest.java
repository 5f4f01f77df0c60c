package dev.kibitz.games.chess.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.kibitz.games.chess.data.EloLevels;
import dev.kibitz.games.zoo.ChessPolicy;
import dev.kibitz.games.zoo.SeededWeights;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conditioned x true matrix equals evaluating each example alone with its mover's Elo replaced. */
class ConditionedMoveMatchTest {
  private static ChessExamples examples(int n) {
    return RandomGameExamples.of(n, 9);
  }

  @Test
  void matchesOneExampleAtATimeWithTheMoverEloReplaced() {
    ChessExamples data = examples(120);
    try (NDManager manager = NDManager.newBaseManager()) {
      ChessPolicy policy = new ChessPolicy(new ChessPolicy.Config(16, 1, 16));
      policy.initialize(manager, DataType.FLOAT32, ChessPolicy.inputShapes(1));
      SeededWeights.fill(policy, 4);
      List<Integer> batches = new ArrayList<>();
      ConditionedMoveMatch.Result r = ConditionedMoveMatch.of(policy, manager, data, batches::add);
      assertEquals(List.of(1), batches);

      long[][] played = new long[8][8];
      long[][] best = new long[8][8];
      long[] counts = new long[8];
      long[] playerBest = new long[8];
      double[][] nll = new double[8][8];
      double[][] kl = new double[8][8];
      long[][] changed = new long[8][8];
      for (int i = 0; i < data.size(); i++) {
        ChessExamples.Example e = data.get(i);
        int truth = EloLevels.bucket(e.moverElo());
        counts[truth]++;
        playerBest[truth] += e.move() == e.best() ? 1 : 0;
        float[][] logp = new float[8][];
        long[] tops = new long[8];
        for (int c = 0; c < 8; c++) {
          try (NDManager one = manager.newSubManager()) {
            var logits = policy.forward(new ParameterStore(one, false),
                ChessAgentTrainer.inputs(one, List.of(e.withMoverElo(EloLevels.elo(c))), policy), false).singletonOrThrow();
            long top = logits.argMax(1).getLong(0);
            tops[c] = top;
            logp[c] = logits.logSoftmax(1).toFloatArray();
            played[c][truth] += top == e.move() ? 1 : 0;
            best[c][truth] += top == e.best() ? 1 : 0;
            nll[c][truth] -= logp[c][e.move()];
          }
        }
        for (int c = 0; c < 8; c++) {
          changed[c][truth] += tops[c] != tops[truth] ? 1 : 0;
          double sum = 0;
          for (int k = 0; k < logp[c].length; k++) {
            sum += logp[truth][k] < -1e6 ? 0 : Math.exp(logp[truth][k]) * (logp[truth][k] - logp[c][k]);
          }
          kl[c][truth] += sum;
        }
      }
      assertArrayEquals(counts, r.counts());
      assertArrayEquals(playerBest, r.playerBest());
      for (int c = 0; c < 8; c++) {
        assertArrayEquals(played[c], r.played()[c], "conditioned on bucket " + c);
        assertArrayEquals(best[c], r.best()[c], "conditioned on bucket " + c);
        assertArrayEquals(changed[c], r.topChanged()[c], "conditioned on bucket " + c);
        assertArrayEquals(nll[c], r.nll()[c], 1e-3, "conditioned on bucket " + c);
        assertArrayEquals(kl[c], r.klFromTrue()[c], 1e-4, "conditioned on bucket " + c);
        assertEquals(0, r.klFromTrue()[c][c]);
        assertEquals(0, r.topChanged()[c][c]);
      }
      assertEquals(120, r.total());
      long diagonal = 0;
      for (int t = 0; t < 8; t++) {
        diagonal += played[t][t];
      }
      assertEquals((double) diagonal / 120, sumOverBuckets(r), 1e-12);
    }
  }

  /** The diagonal's matches over all examples, from the per-bucket rates. */
  private static double sumOverBuckets(ConditionedMoveMatch.Result r) {
    double m = 0;
    for (int t = 0; t < 8; t++) {
      m += r.trueConditioned(t) * r.counts()[t];
    }
    return m / r.total();
  }
}
