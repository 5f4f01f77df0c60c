package dev.kibitz.sae.arch;

import ai.djl.ndarray.NDArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The closed family of SAE architectures. Each record is both the architecture's hyper-parameters
 * (saved in config.json) and its math: encoder, loss and hand-written gradients. Gradients are
 * written out rather than taken from autograd so the straight-through estimators and detached
 * paths are explicit and checked against finite differences in tests.
 */
public sealed interface SaeArchitecture permits ReluL1Sae, GatedSae, TopKSae, JumpReluSae {

  enum Kind {
    RELU_L1("relu_l1"), GATED("gated"), TOPK("topk"), JUMP_RELU("jumprelu");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown SAE architecture '" + id + "', expected one of relu_l1, gated, "
          + "topk, jumprelu");
    }
  }

  Kind kind();

  /** Parameter names and shapes in file order. */
  Map<String, long[]> shapes(int dIn, int width);

  /** The sparsity knob a sweep varies: the L1/L0 coefficient, or k for TopK. */
  double sparsity();

  /** A copy with another sparsity knob (a sweep's grid point). */
  SaeArchitecture withSparsity(double value);

  /** Feature activations [B, d_sae] for normalised inputs [B, d_in]. */
  NDArray encode(SaeParameters p, NDArray x);

  /**
   * Loss and gradients on a batch of normalised inputs.
   *
   * @param frozen parameters read by stop-gradient paths (Gated's auxiliary decoder, AuxK's target
   *     residual); training passes {@code p} itself, gradient checks pass an unperturbed copy
   * @param dead 1 for features counted dead, 0 otherwise, [d_sae], same dtype as x; only AuxK reads it
   */
  Pass pass(SaeParameters p, SaeParameters frozen, NDArray x, NDArray dead);

  /**
   * Whether the component of W_dec's gradient along each (unit) row is removed before the update,
   * the convention for ReLU-L1 and TopK SAEs trained with unit-norm decoder rows.
   */
  boolean removesParallelDecoderGradient();

  /** Per-feature parameters reset to 0 when a dead feature is resampled (besides W_enc and W_dec). */
  List<String> featureBiases();

  /** The hyper-parameters for config.json, with "architecture" set to {@link Kind#id()}. */
  JsonObject toJson();

  static SaeArchitecture fromJson(JsonObject o) {
    return switch (Kind.of(o.get("architecture").getAsString())) {
      case RELU_L1 -> new ReluL1Sae(o.get("l1_coefficient").getAsDouble());
      case GATED -> new GatedSae(o.get("l1_coefficient").getAsDouble());
      case TOPK -> new TopKSae(o.get("k").getAsInt(), o.get("aux_k").getAsInt(), o.get("aux_k_coefficient")
          .getAsDouble());
      case JUMP_RELU -> new JumpReluSae(o.get("l0_coefficient").getAsDouble(), o.get("bandwidth").getAsDouble(),
          o.get("initial_threshold").getAsDouble());
    };
  }

  /** d_in x d_sae encoder, d_sae x d_in decoder and the two biases, the layout three of four share. */
  static Map<String, long[]> standardShapes(int dIn, int width) {
    Map<String, long[]> s = new java.util.LinkedHashMap<>();
    s.put("W_enc", new long[] {dIn, width});
    s.put("b_enc", new long[] {width});
    s.put("W_dec", new long[] {width, dIn});
    s.put("b_dec", new long[] {dIn});
    return s;
  }
}
