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
 *
 * <p>Top-1 hides how much the conditioning moves the distribution, so three more measures are kept
 * per (conditioned, true) cell: the played move's negative log-likelihood (the Maia property in
 * likelihood: the true bucket should explain the moves best), KL(policy at the true bucket ||
 * policy at the conditioned one), and how often the top move differs from the true bucket's.
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
  public record Result(long[][] played, long[][] best, long[] counts, long[] playerBest, double[][] nll,
      double[][] klFromTrue, long[][] topChanged) {
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

    /** Mean negative log-likelihood of the played move, conditioned on {@code conditioned}, for true bucket {@code truth}. */
    public double meanNll(int conditioned, int truth) {
      return counts[truth] == 0 ? Double.NaN : nll[conditioned][truth] / counts[truth];
    }

    /** Mean KL(policy conditioned on the true bucket || policy conditioned on {@code conditioned}), in nats. */
    public double meanKl(int conditioned, int truth) {
      return counts[truth] == 0 ? Double.NaN : klFromTrue[conditioned][truth] / counts[truth];
    }

    /** Fraction of true-bucket {@code truth} examples whose top move under {@code conditioned} differs. */
    public double topChangedRate(int conditioned, int truth) {
      return counts[truth] == 0 ? Double.NaN : (double) topChanged[conditioned][truth] / counts[truth];
    }

    /** The conditioning with the lowest mean NLL on true bucket {@code truth} (lowest bucket on ties). */
    public int bestNllConditioning(int truth) {
      int arg = 0;
      for (int c = 1; c < B; c++) {
        if (nll[c][truth] < nll[arg][truth]) {
          arg = c;
        }
      }
      return arg;
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
    double[][] nll = new double[B][B];
    double[][] kl = new double[B][B];
    long[][] changed = new long[B][B];
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
        NDList inputs = ChessAgentTrainer.inputs(scratch, batch, policy);
        float[][] logp = new float[B][];
        long[][] top = new long[B][];
        for (int c = 0; c < B; c++) {
          NDArray mover = scratch.full(new Shape(batch.size()), c).oneHot(B);
          NDList conditioned = new NDList(inputs.get(0), mover, inputs.get(2), inputs.get(3));
          NDArray logits = policy.forward(new ParameterStore(scratch, false), conditioned, false).singletonOrThrow();
          top[c] = logits.argMax(1).toLongArray();
          logp[c] = logits.logSoftmax(1).toFloatArray();
          for (int i = 0; i < batch.size(); i++) {
            played[c][truth[i]] += top[c][i] == batch.get(i).move() ? 1 : 0;
            best[c][truth[i]] += top[c][i] == batch.get(i).best() ? 1 : 0;
          }
        }
        int vocabulary = logp[0].length / batch.size();
        for (int i = 0; i < batch.size(); i++) {
          int t = truth[i];
          int row = i * vocabulary;
          for (int c = 0; c < B; c++) {
            nll[c][t] -= logp[c][row + batch.get(i).move()];
            changed[c][t] += top[c][i] != top[t][i] ? 1 : 0;
            kl[c][t] += c == t ? 0 : klRow(logp[t], logp[c], row, vocabulary);
          }
        }
      }
      batchesDone.accept(++done);
    }
    return new Result(played, best, counts, playerBest, nll, kl, changed);
  }

  /** KL(p || q) over one row of log-probabilities; masked moves have p = 0 and add nothing. */
  static double klRow(float[] logP, float[] logQ, int from, int length) {
    double sum = 0;
    for (int k = from; k < from + length; k++) {
      double p = Math.exp(logP[k]);
      if (p > 0) {
        sum += p * (logP[k] - (double) logQ[k]);
      }
    }
    return Math.max(0, sum);
  }

  public static int batches(int examples) {
    return (examples + BATCH - 1) / BATCH;
  }
}
