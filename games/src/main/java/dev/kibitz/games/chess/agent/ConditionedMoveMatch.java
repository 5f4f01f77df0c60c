package dev.kibitz.games.chess.agent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.kibitz.games.chess.data.EloLevels;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The Maia measures: every example evaluated once per mover conditioning bucket (the opponent's
 * Elo as recorded), counting where the policy's most likely move equals the move the player made
 * and Stockfish's best move, split by the mover's true bucket. Each batch is encoded once and only
 * the mover's Elo input changes between the conditionings.
 */
public final class ConditionedMoveMatch {
  private static final int BATCH = 256;
  private static final int B = EloLevels.COUNT;

  private ConditionedMoveMatch() {}

  /**
   * {@code played[c][t]} and {@code best[c][t]}: examples whose mover's true bucket is {@code t}
   * where the top move, conditioned on bucket {@code c}, is the played move / Stockfish's best;
   * {@code counts[t]}: examples per true bucket; {@code playerBest[t]}: examples where the player
   * himself chose Stockfish's best.
   */
  public record Result(long[][] played, long[][] best, long[] counts, long[] playerBest) {
    /** Move-match conditioned on {@code conditioned}, on examples of true bucket {@code truth}; NaN if none. */
    public double moveMatch(int conditioned, int truth) {
      return counts[truth] == 0 ? Double.NaN : (double) played[conditioned][truth] / counts[truth];
    }

    /** Move-match with each example conditioned on its own true bucket (the diagonal), per true bucket. */
    public double trueConditioned(int truth) {
      return moveMatch(truth, truth);
    }

    /** Top-1 agreement with Stockfish's best move over all examples, conditioned on {@code conditioned}. */
    public double stockfishAgreement(int conditioned) {
      long m = 0;
      for (long x : best[conditioned]) {
        m += x;
      }
      return (double) m / total();
    }

    public long total() {
      long n = 0;
      for (long c : counts) {
        n += c;
      }
      return n;
    }

    /** The conditioning bucket that gives the highest move-match on true bucket {@code truth} (lowest on ties). */
    public int bestConditioning(int truth) {
      int arg = 0;
      for (int c = 1; c < B; c++) {
        if (played[c][truth] > played[arg][truth]) {
          arg = c;
        }
      }
      return arg;
    }
  }

  /** Evaluates every example under every conditioning; {@code batchesDone} hears each finished batch. */
  public static Result of(Block policy, NDManager manager, ChessExamples examples, IntConsumer batchesDone) {
    long[][] played = new long[B][B];
    long[][] best = new long[B][B];
    long[] counts = new long[B];
    long[] playerBest = new long[B];
    int done = 0;
    for (int from = 0; from < examples.size(); from += BATCH) {
      List<ChessExamples.Example> batch = examples.batchAt(from, BATCH);
      int[] truth = new int[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        ChessExamples.Example e = batch.get(i);
        truth[i] = EloLevels.bucket(e.moverElo());
        counts[truth[i]]++;
        playerBest[truth[i]] += e.move() == e.best() ? 1 : 0;
      }
      try (NDManager scratch = manager.newSubManager()) {
        NDList inputs = ChessAgentTrainer.inputs(scratch, batch);
        for (int c = 0; c < B; c++) {
          NDArray mover = scratch.full(new Shape(batch.size()), c).oneHot(B);
          NDList conditioned = new NDList(inputs.get(0), mover, inputs.get(2), inputs.get(3));
          long[] top = policy.forward(new ParameterStore(scratch, false), conditioned, false).singletonOrThrow()
              .argMax(1).toLongArray();
          for (int i = 0; i < batch.size(); i++) {
            played[c][truth[i]] += top[i] == batch.get(i).move() ? 1 : 0;
            best[c][truth[i]] += top[i] == batch.get(i).best() ? 1 : 0;
          }
        }
      }
      batchesDone.accept(++done);
    }
    return new Result(played, best, counts, playerBest);
  }

  public static int batches(int examples) {
    return (examples + BATCH - 1) / BATCH;
  }
}
