package dev.kibitz.games.chess.agent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.kibitz.games.chess.data.EloLevels;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import java.util.List;

/**
 * How often the policy's most likely move is the move the player made, overall and per the mover's
 * Elo bucket (the Maia measure), on examples as recorded; and the mean cross-entropy of the played
 * move (the training loss, on these examples).
 */
public final class MoveMatch {
  private static final int BATCH = 256;

  private MoveMatch() {}

  /** Matches and counts per mover bucket; the overall rate is their sums. */
  public record Result(int[] matches, int[] counts, double lossSum) {
    public double meanLoss() {
      int n = 0;
      for (int c : counts) {
        n += c;
      }
      return n == 0 ? Double.NaN : lossSum / n;
    }

    public double overall() {
      int m = 0;
      int n = 0;
      for (int b = 0; b < counts.length; b++) {
        m += matches[b];
        n += counts[b];
      }
      return n == 0 ? Double.NaN : (double) m / n;
    }

    public double inBucket(int bucket) {
      return counts[bucket] == 0 ? Double.NaN : (double) matches[bucket] / counts[bucket];
    }
  }

  public static Result of(Block policy, NDManager manager, ChessExamples examples) {
    int[] matches = new int[EloLevels.COUNT];
    int[] counts = new int[EloLevels.COUNT];
    double lossSum = 0;
    for (int from = 0; from < examples.size(); from += BATCH) {
      List<ChessExamples.Example> batch = examples.batchAt(from, BATCH);
      try (NDManager scratch = manager.newSubManager()) {
        NDArray logits = policy.forward(new ParameterStore(scratch, false),
            ChessAgentTrainer.inputs(scratch, batch, policy),
            false).singletonOrThrow();
        long[] best = logits.argMax(1).toLongArray();
        float[] logProbabilities = logits.logSoftmax(1).toFloatArray();
        for (int i = 0; i < batch.size(); i++) {
          int bucket = EloLevels.bucket(batch.get(i).moverElo());
          counts[bucket]++;
          matches[bucket] += best[i] == batch.get(i).move() ? 1 : 0;
          lossSum -= logProbabilities[i * MoveVocabulary.size() + batch.get(i).move()];
        }
      }
    }
    return new Result(matches, counts, lossSum);
  }
}
