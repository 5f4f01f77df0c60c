package dev.kibitz.sae.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.SaeParameters;
import dev.kibitz.sae.buffer.RowBatch;
import java.util.ArrayList;
import java.util.List;

/** Measures an SAE on held-out rows: reconstruction, sparsity, feature health and top examples. */
public final class SaeEvaluator {
  private SaeEvaluator() {}

  /** @param topK how many top-activating examples to keep per feature */
  public static SaeMetrics evaluate(Sae sae, RowBatch heldOut, int topK) {
    int n = heldOut.size();
    int k = Math.min(topK, n);
    try (NDManager m = NDManager.newBaseManager()) {
      SaeParameters p = sae.parameters(m);
      NDArray x = TensorCodec.toNDArray(m, heldOut.rows()).mul((float) sae.inputScale());
      NDArray f = sae.architecture().encode(p, x);
      NDArray xHat = f.matMul(p.get("W_dec")).add(p.get("b_dec"));
      double sse = xHat.sub(x).square().sum().toType(DataType.FLOAT64, false).getDouble();
      double sst = x.sub(x.mean(new int[] {0}, true)).square().sum().toType(DataType.FLOAT64, false).getDouble();
      NDArray fired = f.gt(0).toType(DataType.FLOAT32, false);
      float[] freq = fired.mean(new int[] {0}).toFloatArray();
      double l0 = fired.sum().getFloat() / n;
      int dead = 0;
      int dense = 0;
      for (float v : freq) {
        dead += v == 0 ? 1 : 0;
        dense += v > SaeMetrics.DENSE_THRESHOLD ? 1 : 0;
      }
      List<FeatureExamples> top = new ArrayList<>();
      if (k > 0) {
        NDList best = f.transpose().topK(k, 1, true, true);
        float[] values = best.get(0).toFloatArray();
        long[] index = best.get(1).toType(DataType.INT64, false).toLongArray();
        for (int i = 0; i < sae.width(); i++) {
          int count = 0;
          while (count < k && values[i * k + count] > 0) {
            count++;
          }
          long[] ids = new long[count];
          float[] acts = new float[count];
          for (int j = 0; j < count; j++) {
            ids[j] = heldOut.id((int) index[i * k + j]);
            acts[j] = values[i * k + j];
          }
          top.add(new FeatureExamples(i, ids, acts));
        }
      }
      return new SaeMetrics(n, sse / ((double) n * sae.dIn()), sse / sst, l0, (double) dead / freq.length,
          (double) dense / freq.length, freq, top);
    }
  }
}
