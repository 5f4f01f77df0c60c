package dev.kibitz.core.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.intervention.Add;
import dev.kibitz.core.intervention.Intervention;
import dev.kibitz.core.intervention.Patch;
import dev.kibitz.core.intervention.Resample;
import dev.kibitz.core.intervention.Scale;
import dev.kibitz.core.intervention.Selector;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.testing.TinyModels;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What depends on one batch (its inputs, its size, the tensors sent with it) is checked before the
 * forward pass reaches any hook point: the cancel check that every hook point makes is counted.
 */
class ForwardBatchValidationTest {

  /** Runs one batch of model "tiny" (hooks "h" [2, 2, 3], "features" [12]), counting hook points reached. */
  private static void run(List<Intervention> interventions, Map<String, HostTensor> inputs,
      Map<String, HostTensor> batchInputs, AtomicInteger hooksReached) {
    try (HookedModel model = TinyModels.passThrough(); NDManager batch = model.manager().newSubManager()) {
      ForwardPlan plan = ForwardPlan.validate(model.name(), model.hookPoints(), List.of("h"), interventions);
      HookedForward.run(model, plan, batch, inputs, batchInputs, () -> {
        hooksReached.incrementAndGet();
        return false;
      });
    }
  }

  private static String refusedBeforeAnyHook(List<Intervention> interventions, Map<String, HostTensor> inputs,
      Map<String, HostTensor> batchInputs) {
    AtomicInteger hooksReached = new AtomicInteger();
    KibitzException e = assertThrows(KibitzException.class,
        () -> run(interventions, inputs, batchInputs, hooksReached));
    assertEquals(KibitzException.Reason.INVALID_ARGUMENT, e.reason());
    assertEquals(0, hooksReached.get(), "hook points reached before the refusal");
    return e.getMessage();
  }

  private static String refusedBeforeAnyHook(Intervention... interventions) {
    return refusedBeforeAnyHook(List.of(interventions), Map.of("obs", TinyModels.grid(2)), Map.of());
  }

  private static String refusedInputs(Map<String, HostTensor> inputs) {
    return refusedBeforeAnyHook(List.of(), inputs, Map.of());
  }

  private static void assertContains(String expected, String message) {
    assertTrue(message.contains(expected), () -> "expected '" + expected + "' in: " + message);
  }

  private static HostTensor zeros(int batch) {
    return HostTensor.ofFloats(new long[] {batch, 2, 2, 3}, new float[batch * 12]);
  }

  @Test
  void aValidBatchReachesBothHookPoints() {
    AtomicInteger hooksReached = new AtomicInteger();

    run(List.of(new Scale("h", Selector.ALL, 2f)), Map.of("obs", TinyModels.grid(2)), Map.of(), hooksReached);

    assertEquals(2, hooksReached.get());
  }

  @Test
  void perBatchAddVectorWithTheWrongBatchSizeIsRefused() {
    String m = refusedBeforeAnyHook(new Add("h", Selector.ALL, zeros(3), 1f));

    assertContains("intervention 0 (Add at 'h') add vector: tensor has 3 rows but the batch has 2 examples", m);
  }

  @Test
  void perBatchPatchValuesWithTheWrongBatchSizeAreRefused() {
    String m = refusedBeforeAnyHook(Patch.of("h", Selector.ALL, zeros(1)));

    assertContains("intervention 0 (Patch at 'h') patch values: tensor has 1 rows but the batch has 2 examples", m);
  }

  @Test
  void resampleSourceIndexOutOfRangeIsRefused() {
    String m = refusedBeforeAnyHook(Resample.indices("h", Selector.ALL, 1, 2));

    assertContains("intervention 0 (Resample at 'h'): resample source index 2 is out of range for a batch of 2", m);
  }

  @Test
  void resampleWithOneSourceIndexPerOtherBatchSizeIsRefused() {
    String m = refusedBeforeAnyHook(Resample.indices("h", Selector.ALL, 0, 1, 0));

    assertContains("(Resample at 'h'): resample has 3 source indices but the batch has 2 examples", m);
  }

  @Test
  void exampleIndexOutOfRangeIsRefused() {
    String m = refusedBeforeAnyHook(new Scale("h", Selector.ALL.withExamples(0, 2), 2f));

    assertContains("intervention 0 (Scale at 'h'): example index 2 is out of range for a batch of 2", m);
  }

  @Test
  void unknownBatchInputIsRefused() {
    String m = refusedBeforeAnyHook(List.of(Patch.fromBatchInput("h", Selector.ALL, "clean")),
        Map.of("obs", TinyModels.grid(2)), Map.of("dirty", zeros(2)));

    assertContains("intervention 0 (Patch at 'h') patch batch_input 'clean': the batch has no intervention input "
        + "named 'clean'", m);
  }

  @Test
  void batchInputOfTheWrongShapeIsRefused() {
    String m = refusedBeforeAnyHook(List.of(Patch.fromBatchInput("h", Selector.ALL, "clean")),
        Map.of("obs", TinyModels.grid(2)), Map.of("clean", HostTensor.ofFloats(new long[] {12}, new float[12])));

    assertContains("(Patch at 'h') patch batch_input 'clean': shape [12] does not fit hook 'h' of shape [2, 2, 3]",
        m);
  }

  @Test
  void inputOfTheWrongDtypeIsRefused() {
    HostTensor ints = new HostTensor(DType.INT32, new long[] {2, 2, 2, 3}, ByteBuffer.allocateDirect(96));

    assertContains("input 'obs': dtype INT32, expected FLOAT32", refusedInputs(Map.of("obs", ints)));
  }

  @Test
  void inputOfTheWrongShapeIsRefused() {
    String m = refusedInputs(Map.of("obs", HostTensor.ofFloats(new long[] {2, 12}, new float[24])));

    assertContains("input 'obs': shape [2, 12], expected [batch]+[2, 2, 3]", m);
  }

  @Test
  void emptyBatchIsRefused() {
    String m = refusedInputs(Map.of("obs", HostTensor.ofFloats(new long[] {0, 2, 2, 3})));

    assertContains("input 'obs': batch is empty", m);
  }

  @Test
  void missingAndUnknownInputsAreBothReported() {
    String m = refusedInputs(Map.of("pixels", TinyModels.grid(2)));

    assertContains("model 'tiny' has no input 'pixels' (inputs: [obs])", m);
    assertContains("input 'obs' is missing", m);
  }

  @Test
  void everyBatchProblemIsReportedInOneMessage() {
    String m = refusedBeforeAnyHook(new Add("h", Selector.ALL.withExamples(4), zeros(3), 1f),
        Resample.indices("h", Selector.ALL, 0, -1));

    assertContains("intervention 0 (Add at 'h') add vector: tensor has 3 rows but the batch has 2 examples", m);
    assertContains("intervention 0 (Add at 'h'): example index 4 is out of range for a batch of 2", m);
    assertContains("intervention 1 (Resample at 'h'): resample source index -1 is out of range for a batch of 2", m);
  }
}
