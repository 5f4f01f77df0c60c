package dev.kibitz.sae.train;

/** Linear warm-up to the peak rate, then constant or cosine decay to zero at the last step. */
public record LearningRate(double peak, int warmupSteps, int totalSteps, boolean cosine) {
  /** The rate for 1-based step {@code t}. */
  public double at(int t) {
    if (t <= warmupSteps) {
      return peak * t / Math.max(1, warmupSteps);
    }
    if (!cosine || totalSteps <= warmupSteps) {
      return peak;
    }
    double progress = (double) (t - warmupSteps) / (totalSteps - warmupSteps);
    return peak * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
  }
}
