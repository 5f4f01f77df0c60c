package dev.kibitz.core.intervention;

import static dev.kibitz.core.testing.TinyModels.capture;
import static dev.kibitz.core.testing.TinyModels.forward;
import static dev.kibitz.core.testing.TinyModels.grid;
import static dev.kibitz.core.testing.TinyModels.passThrough;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.testing.TinyModels.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Interventions on one hook apply in the order listed, each on the result of the one before; the
 * capture and everything downstream see the value after all of them. Grid batch on "h" [2, 2, 3].
 */
class InterventionOrderTest {
  private static final Add PLUS_ONE = new Add("h", Selector.ALL, HostTensor.scalar(1f), 1f);
  private static final Scale TIMES_TWO = new Scale("h", Selector.ALL, 2f);

  @Test
  void addThenScaleDoublesTheShiftedActivation() {
    try (HookedModel model = passThrough()) {
      float[] h = capture(model, "h", List.of(PLUS_ONE, TIMES_TWO), grid(2));

      assertArrayEquals(new float[] {
          4, 6, 8, 10, 12, 14, /* ch1 */ 24, 26, 28, 30, 32, 34,
          204, 206, 208, 210, 212, 214, /* ch1 */ 224, 226, 228, 230, 232, 234}, h);
    }
  }

  @Test
  void scaleThenAddShiftsTheDoubledActivation() {
    try (HookedModel model = passThrough()) {
      float[] h = capture(model, "h", List.of(TIMES_TWO, PLUS_ONE), grid(2));

      assertArrayEquals(new float[] {
          3, 5, 7, 9, 11, 13, /* ch1 */ 23, 25, 27, 29, 31, 33,
          203, 205, 207, 209, 211, 213, /* ch1 */ 223, 225, 227, 229, 231, 233}, h);
    }
  }

  @Test
  void laterInterventionSeesTheEarlierOnesSelectedEdit() {
    try (HookedModel model = passThrough()) {
      float[] h = capture(model, "h",
          List.of(SetValue.scalar("h", Selector.channels(0), 0f), new Add("h", Selector.ALL.withExamples(1),
              HostTensor.scalar(5f), 1f)), grid(2));

      assertArrayEquals(new float[] {
          0, 0, 0, 0, 0, 0, /* ch1 */ 11, 12, 13, 14, 15, 16,
          5, 5, 5, 5, 5, 5, /* ch1 */ 116, 117, 118, 119, 120, 121}, h);
    }
  }

  @Test
  void downstreamHooksAndOutputsSeeTheEditedActivation() {
    try (HookedModel model = passThrough()) {
      Outcome out = forward(model, List.of("h", "features"), List.of(PLUS_ONE, TIMES_TWO), grid(2), Map.of());

      float[] edited = out.capture("h");
      assertArrayEquals(edited, out.capture("features"));
      assertArrayEquals(edited, out.outputs().get("flat").toFloats());
    }
  }

  @Test
  void interventionsOnDifferentHooksApplyInForwardOrderWhateverTheirListOrder() {
    Scale timesTwoDownstream = new Scale("features", Selector.ALL, 2f);
    try (HookedModel model = passThrough()) {
      Outcome out = forward(model, List.of("h", "features"), List.of(timesTwoDownstream, PLUS_ONE), grid(2),
          Map.of());

      assertArrayEquals(new float[] {
          2, 3, 4, 5, 6, 7, /* ch1 */ 12, 13, 14, 15, 16, 17,
          102, 103, 104, 105, 106, 107, /* ch1 */ 112, 113, 114, 115, 116, 117}, out.capture("h"));
      assertArrayEquals(new float[] {
          4, 6, 8, 10, 12, 14, /* ch1 */ 24, 26, 28, 30, 32, 34,
          204, 206, 208, 210, 212, 214, /* ch1 */ 224, 226, 228, 230, 232, 234}, out.capture("features"));
    }
  }
}
