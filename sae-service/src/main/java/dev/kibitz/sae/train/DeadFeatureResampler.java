package dev.kibitz.sae.train;

import ai.djl.ndarray.NDArray;
import dev.kibitz.sae.SeededRandom;
import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.arch.SaeParameters;
import java.util.List;

/**
 * Resamples dead features toward inputs the SAE reconstructs badly (Bricken et al. 2023): each dead
 * feature takes the direction of a minibatch row drawn with probability proportional to its squared
 * reconstruction loss; its decoder row becomes that unit direction, its encoder column the same
 * direction scaled to 0.2 x the mean encoder norm of live features, its biases reset to 0, and the
 * Adam moments of everything touched reset to 0. Drawing from the current minibatch (not a larger
 * held sample) keeps this online; it runs rarely, so the host round-trip of the weights is cheap.
 */
final class DeadFeatureResampler {
  private static final float ENCODER_SCALE = 0.2f;

  private DeadFeatureResampler() {}

  /** @return how many features were resampled */
  static int resample(SaeArchitecture arch, SaeParameters p, Adam adam, FeatureFiring firing, boolean[] dead,
      NDArray x, NDArray reconstructed, SeededRandom random) {
    int width = dead.length;
    int d = (int) x.getShape().get(1);
    int rows = (int) x.getShape().get(0);
    float[] loss = reconstructed.sub(x).square().sum(new int[] {1}).toFloatArray();
    float[] centred = x.sub(p.get("b_dec")).toFloatArray();
    float[] wEnc = p.get("W_enc").toFloatArray();
    float[] wDec = p.get("W_dec").toFloatArray();
    double liveNorm = meanLiveEncoderNorm(wEnc, dead, d, width);
    double[] cumulative = new double[rows];
    double total = 0;
    for (int r = 0; r < rows; r++) {
      total += (double) loss[r] * loss[r];
      cumulative[r] = total;
    }
    if (!(total > 0)) {
      return 0;
    }
    int count = 0;
    for (int i = 0; i < width; i++) {
      if (!dead[i]) {
        continue;
      }
      int r = pick(cumulative, random.nextDouble() * total);
      double norm = 0;
      for (int j = 0; j < d; j++) {
        norm += (double) centred[r * d + j] * centred[r * d + j];
      }
      norm = Math.sqrt(norm) + 1e-12;
      for (int j = 0; j < d; j++) {
        float u = (float) (centred[r * d + j] / norm);
        wDec[i * d + j] = u;
        wEnc[j * width + i] = (float) (u * ENCODER_SCALE * liveNorm);
      }
      firing.reset(i);
      count++;
    }
    p.get("W_enc").set(wEnc);
    p.get("W_dec").set(wDec);
    zeroMoments(adam, "W_enc", dead, false, d, width);
    zeroMoments(adam, "W_dec", dead, true, d, width);
    for (String bias : arch.featureBiases()) {
      zeroFeature(p.get(bias), dead, true, 1, width);
      zeroMoments(adam, bias, dead, true, 1, width);
    }
    return count;
  }

  private static int pick(double[] cumulative, double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static double meanLiveEncoderNorm(float[] wEnc, boolean[] dead, int d, int width) {
    double sum = 0;
    int live = 0;
    for (int i = 0; i < width; i++) {
      if (!dead[i]) {
        double n = 0;
        for (int j = 0; j < d; j++) {
          n += (double) wEnc[j * width + i] * wEnc[j * width + i];
        }
        sum += Math.sqrt(n);
        live++;
      }
    }
    return live == 0 ? 1 : sum / live;
  }

  private static void zeroMoments(Adam adam, String name, boolean[] dead, boolean rowMajorFeature, int d,
      int width) {
    for (NDArray a : List.of(adam.first.get(name), adam.second.get(name))) {
      zeroFeature(a, dead, rowMajorFeature, d, width);
    }
  }

  /** Zeroes feature entries: rows of a [width, d] array, or columns of a [d, width] one. */
  private static void zeroFeature(NDArray a, boolean[] dead, boolean featureRows, int d, int width) {
    float[] v = a.toFloatArray();
    for (int i = 0; i < width; i++) {
      if (!dead[i]) {
        continue;
      }
      for (int j = 0; j < d; j++) {
        v[featureRows ? i * d + j : j * width + i] = 0f;
      }
    }
    a.set(v);
  }
}
