package dev.kibitz.bench;

import dev.kibitz.sae.arch.ReluL1Sae;
import dev.kibitz.sae.train.SaeTrainer;
import dev.kibitz.sae.train.SaeTrainingConfig;
import java.util.Map;

/**
 * One ReLU-L1 SAE training step (B=4096, d=256, width 4096, Adam, float32) through {@link SaeTrainer}
 * against the same math in Python PyTorch ({@link TorchSaeSteps}), round by round in one run: ours
 * A, torch A, torch B, ours B, ... so drift on a shared machine falls on both sides alike.
 */
final class SaeStepBench implements Bench {
  static final int BATCH = 4096;
  static final int D = 256;
  static final int WIDTH = 4096;
  static final double L1 = 1.0;
  static final double LR = 4e-4;

  /** The benchmarked SAE, trained for {@code steps}; constant learning rate, no resampling. */
  static SaeTrainingConfig config(int steps) {
    return new SaeTrainingConfig(new ReluL1Sae(L1), D, WIDTH, steps, BATCH, LR, 0, false, 1, 4 * BATCH, 1,
        1_000_000, 0, 0);
  }

  @Override
  public String name() {
    return "sae-step";
  }

  @Override
  public String description() {
    return "ReLU-L1 SAE step B=4096 d=256 width=4096 (Adam, fp32) via SaeTrainer vs PyTorch; goal ratio <= 1.10";
  }

  @Override
  public Map<String, Object> run() throws Exception {
    int warmup = Integer.getInteger("kibitz.bench.sae.warmup", 3);
    int rounds = Integer.getInteger("kibitz.bench.rounds", 5);
    int perRound = Integer.getInteger("kibitz.bench.sae.steps", 5);
    int threads = Integer.getInteger("ai.djl.pytorch.num_threads", 2);
    long[] ours = new long[rounds];
    long[] torch = new long[rounds];
    Map<String, Object> f = Bench.figures();
    f.put("batch", BATCH);
    f.put("d_in", D);
    f.put("width", WIDTH);
    f.put("threads", threads);
    f.put("steps_per_round", perRound);
    f.put("rounds", rounds);
    String unavailable = TorchSaeSteps.unavailable();
    if (unavailable != null) {
      System.err.println("PyTorch baseline UNAVAILABLE (" + unavailable + "): reporting our side only");
    }
    try (TorchSaeSteps py = unavailable == null ? TorchSaeSteps.start(BATCH, D, WIDTH, L1, LR, warmup, threads)
        : null) {
      long[] lastEnd = {System.nanoTime()};
      long[] acc = {0};
      new SaeTrainer(config(warmup + rounds * perRound)).train(new RandomRowSource(D, BATCH, 8, 3), null,
          (step, stats) -> {
            long now = System.nanoTime();
            if (step > warmup) {
              acc[0] += now - lastEnd[0];
              if ((step - warmup) % perRound == 0) {
                int r = (step - warmup) / perRound - 1;
                ours[r] = acc[0] / perRound;
                acc[0] = 0;
                System.err.printf("round %d: ours %.1f ms/step (loss %.4f, L0 %.1f)%n", r, ours[r] / 1e6,
                    stats.loss(), stats.meanL0());
                torchRoundsAt(r + 1, rounds, perRound, py, torch);
              }
            } else if (step == warmup) {
              torchRoundsAt(0, rounds, perRound, py, torch);
            }
            lastEnd[0] = System.nanoTime();
            return true;
          });
    }
    double oursMs = Bench.median(ours) / 1e6;
    f.put("ms_per_step_ours", Bench.round(oursMs, 2));
    if (unavailable == null) {
      double torchMs = Bench.median(torch) / 1e6;
      f.put("ms_per_step_torch", Bench.round(torchMs, 2));
      f.put("ratio_ours_over_torch", Bench.round(oursMs / torchMs, 3));
    } else {
      f.put("torch", "unavailable: " + unavailable);
    }
    return f;
  }

  /**
   * At boundary {@code b} (after our round b-1) runs torch round b-1 when it is even and round b
   * when b is odd: the order alternates ours/torch, torch/ours between rounds.
   */
  private static void torchRoundsAt(int b, int rounds, int perRound, TorchSaeSteps py, long[] torch) {
    if (py == null) {
      return;
    }
    try {
      if (b >= 1 && (b - 1) % 2 == 0) {
        torchRound(b - 1, perRound, py, torch);
      }
      if (b % 2 == 1 && b < rounds) {
        torchRound(b, perRound, py, torch);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void torchRound(int r, int perRound, TorchSaeSteps py, long[] torch) throws java.io.IOException {
    torch[r] = py.steps(perRound) / perRound;
    System.err.printf("round %d: torch %.1f ms/step%n", r, torch[r] / 1e6);
  }
}
