package dev.kibitz.games.maze.agent;

import java.util.List;

/**
 * Everything that determines a maze-agent training run; saved as config.json beside the weights.
 *
 * @param seed seeds weight init and the sampling of training examples
 * @param steps optimizer steps
 * @param batchSize examples per step
 * @param learningRate Adam step size at step 1, decayed to 0 by a cosine over the run
 * @param trainMazes training mazes are seeds [0, trainMazes), cheese in the top-right region
 * @param regionSize side of the top-right cheese region during training
 * @param checkpoints steps after which weights are saved (0 = before training)
 */
public record TrainingConfig(long seed, int steps, int batchSize, float learningRate, int trainMazes,
    int regionSize, List<Integer> checkpoints) {

  /** Held-out mazes are drawn from seeds at and above this, never seen in training. */
  public static final long HELD_OUT_SEED_BASE = 1_000_000_000L;

  public TrainingConfig {
    checkpoints = List.copyOf(checkpoints);
  }

  /** Cosine decay: full rate at the start, zero at the last step. */
  public float learningRateAt(int step) {
    return (float) (learningRate * 0.5 * (1 + Math.cos(Math.PI * (step - 1) / steps)));
  }

  /** The shipped agent's run: checkpoints spaced so early learning is visible. */
  public static TrainingConfig standard(int steps) {
    List<Integer> cps = new java.util.ArrayList<>(List.of(0, 25, 50, 100, 200, 400, 800, 1600, 3200, 6400, 12800,
        25600));
    cps.removeIf(s -> s >= steps);
    cps.add(steps);
    return new TrainingConfig(0, steps, 64, 1e-3f, 50_000, 5, cps);
  }
}
