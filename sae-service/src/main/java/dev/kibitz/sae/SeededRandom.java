package dev.kibitz.sae;

/**
 * SplitMix64: a tiny generator whose whole state is one long, so a checkpoint can save it and a
 * resumed run continues the exact same stream ({@link java.util.SplittableRandom} hides its state).
 */
public final class SeededRandom {
  private long state;

  public SeededRandom(long seed) {
    this.state = seed;
  }

  /** The state to save; {@code new SeededRandom(state())} continues this stream. */
  public long state() {
    return state;
  }

  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound); the tiny modulo bias is irrelevant at the sizes used here. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    return (int) Long.remainderUnsigned(nextLong(), bound);
  }

  /** Standard normal by Box-Muller (one of the pair is discarded: simpler state). */
  public double nextGaussian() {
    double u = 1.0 - nextDouble();
    double v = nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
