package dev.kibitz.core.hook;

import static dev.kibitz.core.testing.TinyModels.forward;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.intervention.Add;
import dev.kibitz.core.intervention.Patch;
import dev.kibitz.core.intervention.Selector;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.testing.TinyModels;
import dev.kibitz.core.testing.TinyModels.Outcome;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Interventions that should change nothing change nothing, bit for bit, on a seeded conv model
 * ("tiny-conv": conv_out [3, 4, 4] -> relu_out -> head_out [4] -> logits) over a seeded batch of 3.
 */
class PatchIdentityTest {
  private static final List<String> ALL_HOOKS = List.of("conv_out", "relu_out", "head_out");
  private static final HostTensor OBS = TinyModels.randomInput(11, 3, 2, 4, 4);

  private static Outcome clean(HookedModel model) {
    return forward(model, ALL_HOOKS, List.of(), OBS, Map.of());
  }

  private static void assertSameBytes(HostTensor expected, HostTensor actual, String what) {
    assertTrue(expected.sameAs(actual), what + " changed");
  }

  @Test
  void patchingHooksWithTheirOwnCapturedActivationsReproducesTheOutputsExactly() {
    try (HookedModel model = TinyModels.seededConv(7)) {
      Outcome clean = clean(model);

      Outcome patched = forward(model, ALL_HOOKS, List.of(
          Patch.of("conv_out", Selector.ALL, clean.captures().get("conv_out")),
          Patch.of("relu_out", Selector.ALL, clean.captures().get("relu_out"))), OBS, Map.of());

      assertSameBytes(clean.outputs().get("logits"), patched.outputs().get("logits"), "logits");
      for (String hook : ALL_HOOKS) {
        assertSameBytes(clean.captures().get(hook), patched.captures().get(hook), hook);
      }
    }
  }

  @Test
  void patchingFromABatchInputWithTheCleanActivationReproducesTheOutputsExactly() {
    try (HookedModel model = TinyModels.seededConv(7)) {
      Outcome clean = clean(model);

      Outcome patched = forward(model, ALL_HOOKS, List.of(Patch.fromBatchInput("conv_out", Selector.ALL, "clean")),
          OBS, Map.of("clean", clean.captures().get("conv_out")));

      assertSameBytes(clean.outputs().get("logits"), patched.outputs().get("logits"), "logits");
    }
  }

  @Test
  void addingZeroVectorsChangesNothing() {
    try (HookedModel model = TinyModels.seededConv(7)) {
      Outcome clean = clean(model);

      Outcome added = forward(model, ALL_HOOKS, List.of(
          new Add("conv_out", Selector.ALL, HostTensor.ofFloats(new long[] {3}, 0, 0, 0), 1f),
          new Add("relu_out", Selector.ALL, HostTensor.ofFloats(new long[] {3, 4, 4}, new float[48]), 3f),
          new Add("head_out", Selector.ALL, HostTensor.scalar(0f), -2f)), OBS, Map.of());

      assertSameBytes(clean.outputs().get("logits"), added.outputs().get("logits"), "logits");
      for (String hook : ALL_HOOKS) {
        assertSameBytes(clean.captures().get(hook), added.captures().get(hook), hook);
      }
    }
  }

  @Test
  void patchingOneExampleChangesOnlyThatExamplesLogits() {
    try (HookedModel model = TinyModels.seededConv(7)) {
      float[] clean = clean(model).outputs().get("logits").toFloats();

      float[] patched = forward(model, List.of(), List.of(Patch.of("conv_out", Selector.ALL.withExamples(1),
          HostTensor.ofFloats(new long[] {3, 4, 4}, new float[48]))), OBS, Map.of()).outputs().get("logits").toFloats();

      assertArrayEquals(Arrays.copyOfRange(clean, 0, 4), Arrays.copyOfRange(patched, 0, 4));
      assertFalse(Arrays.equals(Arrays.copyOfRange(clean, 4, 8), Arrays.copyOfRange(patched, 4, 8)));
      assertArrayEquals(Arrays.copyOfRange(clean, 8, 12), Arrays.copyOfRange(patched, 8, 12));
    }
  }

  @Test
  void sameSeedBuildsTheSameModel() {
    try (HookedModel a = TinyModels.seededConv(7); HookedModel b = TinyModels.seededConv(7);
        HookedModel c = TinyModels.seededConv(8)) {
      HostTensor logitsA = clean(a).outputs().get("logits");

      assertSameBytes(logitsA, clean(b).outputs().get("logits"), "logits of the same seed");
      assertFalse(logitsA.sameAs(clean(c).outputs().get("logits")), "another seed gave the same logits");
    }
  }
}
