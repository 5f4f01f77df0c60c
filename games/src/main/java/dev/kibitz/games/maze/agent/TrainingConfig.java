package dev.kibitz.games.maze.agent;

import java.util.List;

/**
 * Everything that determines a maze-agent training run; saved as config.json beside the weights.
 * Training runs in phases: each phase restarts Adam and its own cosine learning-rate decay from the
 * float16 weights saved at the end of the previous phase (a warm restart), so a run can stop at a
 * phase end and continue later from the shipped checkpoint alone.
 *
 * @param seed seeds weight init and the sampling of training examples
 * @param batchSize examples per step
 * @param trainMazes training mazes are seeds [0, trainMazes), cheese in the top-right region
 * @param regionSize side of the top-right cheese region during training
 * @param phases the phases, in order
 * @param checkpoints global steps after which weights are saved (0 = before training); every phase end is one
 * @param resumeEvery steps between full-precision resume states (weights + Adam moments) in resume.safetensors
 */
public record TrainingConfig(long seed, int batchSize, int trainMazes, int regionSize, List<Phase> phases,
    List<Integer> checkpoints, int resumeEvery) {

  /** Held-out mazes are drawn from seeds at and above this, never seen in training. */
  public static final long HELD_OUT_SEED_BASE = 1_000_000_000L;

  /**
   * One phase of training.
   *
   * @param steps optimizer steps in this phase
   * @param learningRate Adam step size at the phase's first step, decayed to 0 by a cosine over the phase
   * @param sampling how examples are drawn
   */
  public record Phase(int steps, float learningRate, CloningExamples.Sampling sampling) {
    /** Cosine decay: full rate at the phase's first step (1), zero at its last. */
    public float learningRateAt(int stepInPhase) {
      return (float) (learningRate * 0.5 * (1 + Math.cos(Math.PI * (stepInPhase - 1) / steps)));
    }
  }

  public TrainingConfig {
    phases = List.copyOf(phases);
    checkpoints = List.copyOf(checkpoints);
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("a training run needs at least one phase");
    }
    int end = 0;
    for (Phase p : phases) {
      end += p.steps();
      if (!checkpoints.contains(end)) {
        throw new IllegalArgumentException("phase end " + end + " must be a checkpoint");
      }
    }
  }

  /** Total optimizer steps over all phases. */
  public int steps() {
    return phaseEnd(phases.size() - 1);
  }

  /** The global step at which phase {@code index} ends (0 for index -1). */
  public int phaseEnd(int index) {
    int end = 0;
    for (int i = 0; i <= index; i++) {
      end += phases.get(i).steps();
    }
    return end;
  }

  /** The phase that global step {@code step} (1-based) belongs to. */
  public int phaseOf(int step) {
    int end = 0;
    for (int i = 0; i < phases.size(); i++) {
      end += phases.get(i).steps();
      if (step <= end) {
        return i;
      }
    }
    throw new IllegalArgumentException("step " + step + " is past the last phase (" + end + ")");
  }

  /**
   * The shipped agent's run: 40k steps on uniformly drawn positions (the first agent), then a warm
   * restart that spends its steps where greedy rollouts failed: larger mazes, and half the mouse
   * squares on the path from the start to the cheese. Checkpoints spaced so early learning is visible.
   */
  public static TrainingConfig standard() {
    return new TrainingConfig(0, 64, 50_000, 5,
        List.of(new Phase(40_000, 1e-3f, CloningExamples.Sampling.UNIFORM),
            new Phase(80_000, 5e-4f, CloningExamples.Sampling.LARGE_MAZES_HALF_ON_PATH)),
        List.of(0, 25, 50, 100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 40000, 80000, 120000), 5000);
  }
}
