package dev.kibitz.core.intervention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Shapes;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the activation through a sparse autoencoder, edits its features, and decodes: either
 * replacing the activation by the reconstruction (downstream fidelity) or adding the change in
 * reconstruction to it (the SAE's error term kept, so only the edits move the activation). The
 * activation is flattened per example to d values; the encoders match the sae-service's
 * architectures (parameter names as in SAELens).
 */
public record SaeEdit(String hook, Selector selector, Architecture architecture, Map<String, HostTensor> parameters,
    int k, float inputScale, boolean replace, List<FeatureEdit> features) implements Intervention {

  public enum Architecture { RELU, TOPK, JUMPRELU, GATED }

  /** Sets feature {@code feature} to {@code set}, or multiplies it by {@code scale} (exactly one non-null). */
  public record FeatureEdit(int feature, Float set, Float scale) {}

  public SaeEdit {
    parameters = new TreeMap<>(parameters);
    features = List.copyOf(features);
  }

  @Override
  public void validate(TensorSpec spec, String what, List<String> problems) {
    String w = what + " sae";
    if (architecture == null) {
      problems.add(w + ": architecture is required (relu, topk, jumprelu, gated)");
      return;
    }
    long d = Shapes.elements(spec.shape());
    HostTensor wEnc = parameters.get("W_enc");
    if (wEnc == null || wEnc.rank() != 2 || wEnc.shape()[0] != d) {
      problems.add(w + ": W_enc must be [" + d + ", m] for hook " + Shapes.format(spec.shape()) + ", got "
          + (wEnc == null ? "none" : Shapes.format(wEnc.shape())));
      return;
    }
    long m = wEnc.shape()[1];
    check(w, "W_dec", new long[] {m, d}, problems);
    check(w, "b_dec", new long[] {d}, problems);
    for (String name : vectorNames()) {
      check(w, name, new long[] {m}, problems);
    }
    for (Map.Entry<String, HostTensor> e : parameters.entrySet()) {
      if (e.getValue().dtype() != DType.FLOAT32) {
        problems.add(w + ": " + e.getKey() + " must be FLOAT32, got " + e.getValue().dtype());
      }
    }
    if (architecture == Architecture.TOPK && (k < 1 || k > m)) {
      problems.add(w + ": topk needs 1 <= k <= " + m + ", got " + k);
    }
    if (!(inputScale > 0) || !Float.isFinite(inputScale)) {
      problems.add(w + ": input_scale must be positive and finite, got " + inputScale);
    }
    for (FeatureEdit f : features) {
      if (f.feature() < 0 || f.feature() >= m) {
        problems.add(w + ": feature " + f.feature() + " is outside [0, " + m + ")");
      }
      if ((f.set() == null) == (f.scale() == null)) {
        problems.add(w + ": feature " + f.feature() + " needs exactly one of set or scale");
      }
    }
  }

  /** The per-feature parameters this architecture needs besides the matrices and b_dec. */
  private List<String> vectorNames() {
    return switch (architecture) {
      case RELU, TOPK -> List.of("b_enc");
      case JUMPRELU -> List.of("b_enc", parameters.containsKey("threshold") ? "threshold" : "log_threshold");
      case GATED -> List.of("b_gate", "b_mag", "r_mag");
    };
  }

  private void check(String w, String name, long[] shape, List<String> problems) {
    HostTensor t = parameters.get(name);
    if (t == null || !Arrays.equals(t.shape(), shape)) {
      problems.add(w + ": " + name + " must be " + Shapes.format(shape) + ", got "
          + (t == null ? "none" : Shapes.format(t.shape())));
    }
  }

  @Override
  public NDArray edit(NDArray x, TensorSpec spec, EditContext context) {
    Shape original = x.getShape();
    long batch = original.get(0);
    long d = Shapes.elements(spec.shape());
    NDArray xs = x.reshape(batch, d).mul(inputScale);
    NDArray bDec = p(context, "b_dec");
    NDArray f = encode(xs.sub(bDec), context);
    NDArray edited = applyEdits(f, context);
    NDArray wDec = p(context, "W_dec");
    NDArray reconEdited = edited.matMul(wDec).add(bDec);
    NDArray out = replace ? reconEdited.div(inputScale)
        : x.reshape(batch, d).add(reconEdited.sub(f.matMul(wDec).add(bDec)).div(inputScale));
    return out.reshape(original);
  }

  private NDArray encode(NDArray centred, EditContext c) {
    NDArray u = centred.matMul(p(c, "W_enc"));
    return switch (architecture) {
      case RELU -> ai.djl.nn.Activation.relu(u.add(p(c, "b_enc")));
      case TOPK -> {
        NDArray pre = u.add(p(c, "b_enc"));
        NDArray kth = pre.topK(k, 1, true, false).get(0).min(new int[] {1}, true);
        yield ai.djl.nn.Activation.relu(pre).mul(pre.gte(kth).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
      }
      case JUMPRELU -> {
        NDArray z = u.add(p(c, "b_enc"));
        NDArray theta = parameters.containsKey("threshold") ? p(c, "threshold") : p(c, "log_threshold").exp();
        yield z.mul(z.gt(theta).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
      }
      case GATED -> {
        NDArray gate = u.add(p(c, "b_gate")).gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        yield gate.mul(ai.djl.nn.Activation.relu(u.mul(p(c, "r_mag").exp()).add(p(c, "b_mag"))));
      }
    };
  }

  /** f * scale, then set values where set: both as per-feature vectors, so no per-element indexing. */
  private NDArray applyEdits(NDArray f, EditContext c) {
    if (features.isEmpty()) {
      return f;
    }
    int m = (int) f.getShape().get(1);
    float[] scale = new float[m];
    float[] setMask = new float[m];
    float[] setValue = new float[m];
    Arrays.fill(scale, 1f);
    for (FeatureEdit e : features) {
      if (e.scale() != null) {
        scale[e.feature()] *= e.scale();
      } else {
        setMask[e.feature()] = 1f;
        setValue[e.feature()] = e.set();
      }
    }
    NDArray mask = c.manager().create(setMask);
    return f.mul(c.manager().create(scale)).mul(mask.neg().add(1)).add(mask.mul(c.manager().create(setValue)));
  }

  private NDArray p(EditContext c, String name) {
    return c.array(parameters.get(name));
  }
}
