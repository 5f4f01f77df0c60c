package dev.kibitz.core.intervention;

import static dev.kibitz.core.testing.TinyModels.capture;
import static dev.kibitz.core.testing.TinyModels.grid;
import static dev.kibitz.core.testing.TinyModels.passThrough;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SaeEdit on the pass-through hook "h" [2, 2, 3] (d = 12) over grid batches: example 0 holds
 * 1..6, 11..16 and example 1 holds 101..106, 111..116. Identity-like SAEs make every number exact.
 */
class SaeEditInterventionTest {
  static final float[] EXAMPLE0 = {1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16};

  static float[] identity(int n) {
    float[] m = new float[n * n];
    for (int i = 0; i < n; i++) {
      m[i * n + i] = 1;
    }
    return m;
  }

  static HostTensor vector(float value) {
    float[] v = new float[12];
    java.util.Arrays.fill(v, value);
    return HostTensor.ofFloats(new long[] {12}, v);
  }

  /** W_enc = W_dec = I, b_dec = 0, and the given per-feature vectors. */
  static Map<String, HostTensor> params(String[] names, float[] values) {
    Map<String, HostTensor> p = new HashMap<>();
    p.put("W_enc", HostTensor.ofFloats(new long[] {12, 12}, identity(12)));
    p.put("W_dec", HostTensor.ofFloats(new long[] {12, 12}, identity(12)));
    p.put("b_dec", vector(0));
    for (int i = 0; i < names.length; i++) {
      p.put(names[i], vector(values[i]));
    }
    return p;
  }

  static float[] run(SaeEdit edit) {
    try (HookedModel model = passThrough()) {
      float[] h = capture(model, "h", List.of(edit), grid(1));
      return h;
    }
  }

  static SaeEdit sae(SaeEdit.Architecture a, Map<String, HostTensor> p, int k, boolean replace,
      SaeEdit.FeatureEdit... edits) {
    return new SaeEdit("h", Selector.ALL, a, p, k, 1f, replace, List.of(edits));
  }

  @Test
  void losslessSaeReplacingChangesNothingAndEditsMoveOnlyTheirFeature() {
    Map<String, HostTensor> p = params(new String[] {"b_enc"}, new float[] {0});
    assertArrayEquals(EXAMPLE0, run(sae(SaeEdit.Architecture.RELU, p, 0, true)));
    float[] edited = run(sae(SaeEdit.Architecture.RELU, p, 0, false, new SaeEdit.FeatureEdit(3, null, 2f),
        new SaeEdit.FeatureEdit(0, 50f, null)));
    assertArrayEquals(new float[] {50, 2, 3, 8, 5, 6, 11, 12, 13, 14, 15, 16}, edited);
  }

  @Test
  void replacingKeepsOnlyTheReconstructionWhileTheErrorTermRestoresTheRest() {
    // b_enc = -5: f = ReLU(x - 5), reconstruction = f; the error term x - f brings x back.
    Map<String, HostTensor> p = params(new String[] {"b_enc"}, new float[] {-5});
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 6, 7, 8, 9, 10, 11}, run(sae(SaeEdit.Architecture.RELU, p, 0,
        true)));
    assertArrayEquals(EXAMPLE0, run(sae(SaeEdit.Architecture.RELU, p, 0, false)));
    // Zeroing feature 11 (value 16 - 5 = 11) with the error kept lowers x[11] by exactly 11.
    float[] zeroed = run(sae(SaeEdit.Architecture.RELU, p, 0, false, new SaeEdit.FeatureEdit(11, 0f, null)));
    assertEquals(5f, zeroed[11]);
    assertEquals(15f, zeroed[10]);
  }

  @Test
  void topKJumpReluAndGatedEncodeAsTheirArchitecturesSay() {
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15, 16},
        run(sae(SaeEdit.Architecture.TOPK, params(new String[] {"b_enc"}, new float[] {0}), 2, true)));
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 11, 12, 13, 14, 15, 16},
        run(sae(SaeEdit.Architecture.JUMPRELU, params(new String[] {"b_enc", "threshold"}, new float[] {0, 10}), 0,
            true)));
    // Gate open where x - 12.5 > 0; magnitude x * exp(0) + 1.
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 14, 15, 16, 17},
        run(sae(SaeEdit.Architecture.GATED, params(new String[] {"b_gate", "b_mag", "r_mag"},
            new float[] {-12.5f, 1, 0}), 0, true)));
  }

  @Test
  void inputScaleCancelsOutForALosslessSae() {
    SaeEdit scaled = new SaeEdit("h", Selector.ALL, SaeEdit.Architecture.RELU,
        params(new String[] {"b_enc"}, new float[] {0}), 0, 4f, true, List.of());
    assertArrayEquals(EXAMPLE0, run(scaled));
  }

  @Test
  void validationNamesEveryProblem() {
    TensorSpec spec = new TensorSpec("h", DType.FLOAT32, new long[] {2, 2, 3}, List.of("c", "r", "w"), "");
    Map<String, HostTensor> p = params(new String[] {}, new float[] {});
    p.put("W_dec", HostTensor.ofFloats(new long[] {12, 11}, new float[132]));
    List<String> problems = new ArrayList<>();
    sae(SaeEdit.Architecture.TOPK, p, 13, true, new SaeEdit.FeatureEdit(12, 1f, null),
        new SaeEdit.FeatureEdit(2, null, null)).validate(spec, "intervention 0", problems);
    assertEquals(List.of(
        "intervention 0 sae: W_dec must be [12, 12], got [12, 11]",
        "intervention 0 sae: b_enc must be [12], got none",
        "intervention 0 sae: topk needs 1 <= k <= 12, got 13",
        "intervention 0 sae: feature 12 is outside [0, 12)",
        "intervention 0 sae: feature 2 needs exactly one of set or scale"), problems);
    List<String> wrongInput = new ArrayList<>();
    p.put("W_enc", HostTensor.ofFloats(new long[] {6, 12}, new float[72]));
    sae(SaeEdit.Architecture.RELU, p, 0, true).validate(spec, "intervention 0", wrongInput);
    assertEquals(List.of("intervention 0 sae: W_enc must be [12, m] for hook [2, 2, 3], got [6, 12]"), wrongInput);
  }
}
