package dev.kibitz.sae.synthetic;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.sae.SeededRandom;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.buffer.RowSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Activations with known ground truth: {@code features} unit-norm random directions in R^d
 * ({@code features > d}: superposition), each active independently with probability
 * {@code activeProbability} at a magnitude uniform in [minMagnitude, maxMagnitude]. With
 * {@code groupSize > 1} features come in consecutive groups: when a group's first feature fires,
 * each other member also fires with probability {@code groupCoupling} (correlated features).
 * Batch i depends only on (seed, i), so the source can seek, and row ids are i * rows + r.
 */
public final class SyntheticFeatures implements RowSource {
  /** What the generator draws from. */
  public record Spec(int d, int features, double activeProbability, double minMagnitude, double maxMagnitude,
      int groupSize, double groupCoupling, int rowsPerBatch, long seed) {
    public Spec {
      if (d < 1 || features < 1 || rowsPerBatch < 1 || groupSize < 1 || !(activeProbability > 0)
          || activeProbability > 1 || !(minMagnitude > 0) || maxMagnitude < minMagnitude) {
        throw new IllegalArgumentException("bad synthetic spec " + this);
      }
    }

    /** Independent features, magnitudes in [0.5, 1.5]. */
    public static Spec independent(int d, int features, double activeProbability, int rowsPerBatch, long seed) {
      return new Spec(d, features, activeProbability, 0.5, 1.5, 1, 0, rowsPerBatch, seed);
    }
  }

  private final Spec spec;
  private final float[] directions;
  private long position;

  public SyntheticFeatures(Spec spec) {
    this.spec = spec;
    this.directions = new float[spec.features() * spec.d()];
    SeededRandom r = new SeededRandom(spec.seed());
    for (int f = 0; f < spec.features(); f++) {
      double norm = 0;
      double[] v = new double[spec.d()];
      for (int j = 0; j < v.length; j++) {
        v[j] = r.nextGaussian();
        norm += v[j] * v[j];
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < v.length; j++) {
        directions[f * spec.d() + j] = (float) (v[j] / norm);
      }
    }
  }

  public Spec spec() {
    return spec;
  }

  /** The true feature directions, [features, d], unit rows. */
  public HostTensor directions() {
    return HostTensor.ofFloats(new long[] {spec.features(), spec.d()}, directions);
  }

  /** Batch {@code index}, independent of what was read before. */
  public RowBatch batch(long index) {
    SeededRandom r = new SeededRandom(spec.seed() * 0x9E3779B97F4A7C15L + index + 1);
    int n = spec.rowsPerBatch();
    int d = spec.d();
    ByteBuffer bytes = ByteBuffer.allocateDirect(n * d * 4).order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer out = bytes.asFloatBuffer();
    ByteBuffer ids = ByteBuffer.allocateDirect(n * 8).order(ByteOrder.LITTLE_ENDIAN);
    float[] row = new float[d];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(row, 0f);
      boolean leaderOn = false;
      for (int f = 0; f < spec.features(); f++) {
        boolean leader = f % spec.groupSize() == 0;
        boolean on = r.nextDouble() < spec.activeProbability();
        if (leader) {
          leaderOn = on;
        } else if (!on && leaderOn) {
          on = r.nextDouble() < spec.groupCoupling();
        }
        if (on) {
          double mag = spec.minMagnitude() + r.nextDouble() * (spec.maxMagnitude() - spec.minMagnitude());
          for (int j = 0; j < d; j++) {
            row[j] += (float) (mag * directions[f * d + j]);
          }
        }
      }
      out.put(row);
      ids.putLong(index * n + i);
    }
    return new RowBatch(new HostTensor(dev.kibitz.core.tensor.DType.FLOAT32, new long[] {n, d}, bytes),
        new HostTensor(dev.kibitz.core.tensor.DType.INT64, new long[] {n}, ids.flip()));
  }

  /** {@code batches} consecutive batches from {@code first} as one batch (a held-out set). */
  public RowBatch rows(long first, int batches) {
    int n = spec.rowsPerBatch() * batches;
    ByteBuffer rows = ByteBuffer.allocateDirect(n * spec.d() * 4).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer ids = ByteBuffer.allocateDirect(n * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int b = 0; b < batches; b++) {
      RowBatch one = batch(first + b);
      rows.put(one.rows().data());
      ids.put(one.ids().data());
    }
    return new RowBatch(new HostTensor(dev.kibitz.core.tensor.DType.FLOAT32, new long[] {n, spec.d()}, rows.flip()),
        new HostTensor(dev.kibitz.core.tensor.DType.INT64, new long[] {n}, ids.flip()));
  }

  @Override
  public RowBatch next() {
    return batch(position++);
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public void seek(long position) {
    this.position = position;
  }
}
