package dev.kibitz.core.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.intervention.Ablate;
import dev.kibitz.core.intervention.Add;
import dev.kibitz.core.intervention.Clamp;
import dev.kibitz.core.intervention.Intervention;
import dev.kibitz.core.intervention.Patch;
import dev.kibitz.core.intervention.ProjectOut;
import dev.kibitz.core.intervention.Resample;
import dev.kibitz.core.intervention.Scale;
import dev.kibitz.core.intervention.Selector;
import dev.kibitz.core.intervention.Selector.Position;
import dev.kibitz.core.intervention.SetValue;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.testing.TinyModels;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plan is checked against model "tiny" (hooks "h" [2, 2, 3] and "features" [12]) before any
 * compute: every problem is INVALID_ARGUMENT with a message naming the hook and what is wrong.
 */
class ForwardPlanValidationTest {

  private static String refusal(List<String> captures, Intervention... interventions) {
    try (HookedModel model = TinyModels.passThrough()) {
      KibitzException e = assertThrows(KibitzException.class,
          () -> ForwardPlan.validate(model.name(), model.hookPoints(), captures, List.of(interventions)));
      assertEquals(KibitzException.Reason.INVALID_ARGUMENT, e.reason());
      return e.getMessage();
    }
  }

  private static String refusal(Intervention... interventions) {
    return refusal(List.of(), interventions);
  }

  private static void assertContains(String expected, String message) {
    assertTrue(message.contains(expected), () -> "expected '" + expected + "' in: " + message);
  }

  private static Scale scaleAt(String hook, Selector selector) {
    return new Scale(hook, selector, 2f);
  }

  @Test
  void unknownHookIsNamedAlongWithTheModelsHookPoints() {
    String m = refusal(scaleAt("resid_out", Selector.ALL));

    assertContains("intervention 0: model 'tiny' has no hook point 'resid_out' (it has 2 hook points: h, features)",
        m);
  }

  @Test
  void valueOfAShapeNoBroadcastRuleAllowsIsRefusedListingTheAllowedShapes() {
    String m = refusal(new Add("h", Selector.ALL, HostTensor.ofFloats(new long[] {3}, 1, 2, 3), 1f));

    assertContains("intervention 0 (Add at 'h') add vector: shape [3] does not fit hook 'h' of shape [2, 2, 3]; "
        + "expected [] (scalar) or [2, 2, 3] or [B]+[2, 2, 3] or [2] (per channel)", m);
  }

  @Test
  void perChannelValueIsRefusedOnAHookOfRankOne() {
    String m = refusal(new SetValue("features", Selector.ALL, HostTensor.ofFloats(new long[] {2}, 1, 2)));

    assertContains("(SetValue at 'features') set value: shape [2] does not fit hook 'features' of shape [12]", m);
  }

  @Test
  void valueOfTheWrongDtypeIsRefused() {
    HostTensor ints = new HostTensor(DType.INT32, new long[] {2}, ByteBuffer.allocateDirect(8));

    String m = refusal(new Add("h", Selector.ALL, ints, 1f));

    assertContains("(Add at 'h') add vector: dtype INT32 does not match hook 'h' dtype FLOAT32", m);
  }

  @Test
  void channelOutOfRangeIsRefused() {
    String m = refusal(scaleAt("h", Selector.channels(0, 2)));

    assertContains("(Scale at 'h'): channel 2 is out of range [0, 2) for hook 'h' of shape [2, 2, 3]", m);
  }

  @Test
  void positionOutsideTheGridIsRefused() {
    String m = refusal(scaleAt("h", Selector.positions(new Position(1, 3))));

    assertContains("(Scale at 'h'): position (1, 3) is outside the 2x3 grid of hook 'h'", m);
  }

  @Test
  void positionSelectorIsRefusedOnAHookOfRankOne() {
    String m = refusal(scaleAt("features", Selector.positions(new Position(0, 0))));

    assertContains("(Scale at 'features'): position selector needs a hook of rank >= 2, 'features' has shape [12]",
        m);
  }

  @Test
  void flatIndexOutOfRangeIsRefused() {
    String m = refusal(scaleAt("h", Selector.flatIndices(11, 12)));

    assertContains("(Scale at 'h'): flat index 12 is out of range [0, 12) for hook 'h'", m);
  }

  @Test
  void maskOfTheWrongShapeIsRefused() {
    String m = refusal(scaleAt("h", Selector.mask(HostTensor.ofBools(new long[] {2, 3}, new boolean[6]))));

    assertContains("(Scale at 'h'): mask must be BOOL of shape [2, 2, 3] for hook 'h', got BOOL [2, 3]", m);
  }

  @Test
  void maskOfTheWrongDtypeIsRefused() {
    String m = refusal(scaleAt("h", Selector.mask(HostTensor.ofFloats(new long[] {2, 2, 3}, new float[12]))));

    assertContains("mask must be BOOL of shape [2, 2, 3] for hook 'h', got FLOAT32 [2, 2, 3]", m);
  }

  @Test
  void negativeExampleIndexIsRefused() {
    String m = refusal(scaleAt("h", Selector.ALL.withExamples(-1)));

    assertContains("(Scale at 'h'): example index -1 is negative", m);
  }

  @Test
  void zeroNormProjectOutDirectionIsRefused() {
    String m = refusal(new ProjectOut("h", Selector.ALL, HostTensor.ofFloats(new long[] {2}, 0, 0)));

    assertContains("(ProjectOut at 'h'): project_out direction must have a finite non-zero norm", m);
  }

  @Test
  void clampWithMinAboveMaxIsRefused() {
    String m = refusal(new Clamp("h", Selector.ALL, 2f, 1f));

    assertContains("(Clamp at 'h'): clamp min 2.0 is above max 1.0", m);
  }

  @Test
  void clampWithoutBoundsIsRefused() {
    String m = refusal(new Clamp("h", Selector.ALL, null, null));

    assertContains("(Clamp at 'h'): clamp needs a min, a max or both", m);
  }

  @Test
  void nonFiniteScaleFactorIsRefused() {
    assertContains("(Scale at 'h'): scale factor NaN is not finite", refusal(new Scale("h", Selector.ALL, Float.NaN)));
  }

  @Test
  void zeroAblationWithAMeanIsRefused() {
    String m = refusal(new Ablate("h", Selector.ALL, Ablate.Mode.ZERO, HostTensor.scalar(1f)));

    assertContains("(Ablate at 'h'): a mean tensor was given for a zero ablation", m);
  }

  @Test
  void patchWithoutASourceIsRefused() {
    assertContains("(Patch at 'h'): patch needs exactly one of values or batch_input",
        refusal(new Patch("h", Selector.ALL, null, "")));
  }

  @Test
  void resampleWithoutASourceIsRefused() {
    assertContains("(Resample at 'h'): resample needs exactly one of source indices or a seed",
        refusal(new Resample("h", Selector.ALL, null, null)));
  }

  @Test
  void captureOfAnUnknownHookIsRefused() {
    String m = refusal(List.of("h", "logits"));

    assertContains("capture: model 'tiny' has no hook point 'logits' (it has 2 hook points: h, features)", m);
  }

  @Test
  void duplicateCaptureIsRefused() {
    assertContains("capture: hook 'h' is listed twice", refusal(List.of("h", "features", "h")));
  }

  @Test
  void everyProblemIsReportedInOneMessage() {
    String m = refusal(List.of("nope"), new Clamp("h", Selector.channels(5), 3f, -3f), scaleAt("gone", Selector.ALL),
        new ProjectOut("features", Selector.ALL, HostTensor.ofFloats(new long[] {12}, new float[12])));

    assertContains("capture: model 'tiny' has no hook point 'nope'", m);
    assertContains("intervention 0 (Clamp at 'h'): clamp min 3.0 is above max -3.0", m);
    assertContains("intervention 0 (Clamp at 'h'): channel 5 is out of range [0, 2)", m);
    assertContains("intervention 1: model 'tiny' has no hook point 'gone'", m);
    assertContains("intervention 2 (ProjectOut at 'features'): project_out direction must have a finite non-zero norm",
        m);
    assertEquals(5, m.split("; ").length, m);
  }

  @Test
  void validPlanListsItsCapturesAndInterventionsInOrder() {
    try (HookedModel model = TinyModels.passThrough()) {
      Scale first = scaleAt("features", Selector.ALL);
      Scale second = scaleAt("h", Selector.channels(1));

      ForwardPlan plan = ForwardPlan.validate(model.name(), model.hookPoints(), List.of("features", "h"),
          List.of(first, second));

      assertEquals(List.of("features", "h"), plan.captures());
      assertEquals(List.of(first, second), plan.interventions());
      assertEquals(List.of(1), plan.interventionIndicesAt("h"));
    }
  }
}
