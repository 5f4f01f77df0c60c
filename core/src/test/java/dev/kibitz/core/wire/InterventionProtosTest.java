package dev.kibitz.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.hook.ForwardPlan;
import dev.kibitz.core.intervention.Ablate;
import dev.kibitz.core.intervention.Add;
import dev.kibitz.core.intervention.Clamp;
import dev.kibitz.core.intervention.Intervention;
import dev.kibitz.core.intervention.Patch;
import dev.kibitz.core.intervention.ProjectOut;
import dev.kibitz.core.intervention.Resample;
import dev.kibitz.core.intervention.Scale;
import dev.kibitz.core.intervention.Selector;
import dev.kibitz.core.intervention.SetValue;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.proto.v1.ForwardSourceIndices;
import dev.kibitz.proto.v1.Position;
import dev.kibitz.proto.v1.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kibitz.v1.Intervention messages become the core records field for field; malformed ones are refused. */
class InterventionProtosTest {
  private static final HostTensor VECTOR = HostTensor.ofFloats(new long[] {2}, 1.5f, -2f);
  private static final Tensor WIRE_VECTOR = TensorCodec.toProto(VECTOR);

  private static dev.kibitz.proto.v1.Intervention.Builder at(String hook) {
    return dev.kibitz.proto.v1.Intervention.newBuilder().setHook(hook);
  }

  private static Intervention convert(dev.kibitz.proto.v1.Intervention.Builder p) {
    return InterventionProtos.fromProto(p.build(), "intervention 0");
  }

  private static String refusal(dev.kibitz.proto.v1.Intervention.Builder p) {
    KibitzException e = assertThrows(KibitzException.class, () -> convert(p));
    assertEquals(KibitzException.Reason.INVALID_ARGUMENT, e.reason());
    return e.getMessage();
  }

  @Test
  void addCarriesHookVectorAndCoefficient() {
    Add add = assertInstanceOf(Add.class, convert(at("h").setAdd(
        dev.kibitz.proto.v1.Add.newBuilder().setVector(WIRE_VECTOR).setCoefficient(-3f))));

    assertEquals("h", add.hook());
    assertTrue(VECTOR.sameAs(add.vector()));
    assertEquals(-3f, add.coefficient());
    assertTrue(add.selector().selectsAllElements() && add.selector().selectsAllExamples());
  }

  @Test
  void addWithoutCoefficientAddsTheVectorOnceWhileAnExplicitZeroAddsNothing() {
    Add unset = assertInstanceOf(Add.class, convert(at("h").setAdd(
        dev.kibitz.proto.v1.Add.newBuilder().setVector(WIRE_VECTOR))));
    Add zero = assertInstanceOf(Add.class, convert(at("h").setAdd(
        dev.kibitz.proto.v1.Add.newBuilder().setVector(WIRE_VECTOR).setCoefficient(0f))));

    assertEquals(1f, unset.coefficient());
    assertEquals(0f, zero.coefficient());
  }

  @Test
  void scaleCarriesItsFactor() {
    Scale scale = assertInstanceOf(Scale.class, convert(at("h").setScale(
        dev.kibitz.proto.v1.Scale.newBuilder().setFactor(0.25f))));

    assertEquals(0.25f, scale.factor());
  }

  @Test
  void setScalarBecomesAScalarTensorAndSetTensorIsKept() {
    SetValue scalar = assertInstanceOf(SetValue.class, convert(at("h").setSet(
        dev.kibitz.proto.v1.SetValue.newBuilder().setScalar(7f))));
    SetValue tensor = assertInstanceOf(SetValue.class, convert(at("h").setSet(
        dev.kibitz.proto.v1.SetValue.newBuilder().setTensor(WIRE_VECTOR))));

    assertTrue(HostTensor.scalar(7f).sameAs(scalar.value()));
    assertTrue(VECTOR.sameAs(tensor.value()));
  }

  @Test
  void clampKeepsOnlyTheBoundsThatAreSet() {
    Clamp minOnly = assertInstanceOf(Clamp.class, convert(at("h").setClamp(
        dev.kibitz.proto.v1.Clamp.newBuilder().setMin(0f))));
    Clamp both = assertInstanceOf(Clamp.class, convert(at("h").setClamp(
        dev.kibitz.proto.v1.Clamp.newBuilder().setMin(-1f).setMax(1f))));

    assertEquals(0f, minOnly.min());
    assertNull(minOnly.max());
    assertEquals(-1f, both.min());
    assertEquals(1f, both.max());
  }

  @Test
  void ablateModesAndMeanAreConverted() {
    Ablate zero = assertInstanceOf(Ablate.class, convert(at("h").setAblate(
        dev.kibitz.proto.v1.Ablate.newBuilder().setMode(dev.kibitz.proto.v1.Ablate.Mode.MODE_ZERO))));
    Ablate mean = assertInstanceOf(Ablate.class, convert(at("h").setAblate(
        dev.kibitz.proto.v1.Ablate.newBuilder().setMode(dev.kibitz.proto.v1.Ablate.Mode.MODE_MEAN)
            .setMean(WIRE_VECTOR))));

    assertEquals(Ablate.Mode.ZERO, zero.mode());
    assertNull(zero.mean());
    assertEquals(Ablate.Mode.MEAN, mean.mode());
    assertTrue(VECTOR.sameAs(mean.mean()));
  }

  @Test
  void ablateWithoutAModeIsRefused() {
    String m = refusal(at("h").setAblate(dev.kibitz.proto.v1.Ablate.newBuilder()));

    assertTrue(m.contains("intervention 0 at 'h': ablate mode must be MODE_ZERO or MODE_MEAN"), m);
  }

  @Test
  void patchFromValuesOrFromABatchInput() {
    Patch values = assertInstanceOf(Patch.class, convert(at("h").setPatch(
        dev.kibitz.proto.v1.Patch.newBuilder().setValues(WIRE_VECTOR))));
    Patch input = assertInstanceOf(Patch.class, convert(at("h").setPatch(
        dev.kibitz.proto.v1.Patch.newBuilder().setBatchInput("clean"))));

    assertTrue(VECTOR.sameAs(values.values()));
    assertNull(values.batchInput());
    assertNull(input.values());
    assertEquals("clean", input.batchInput());
  }

  @Test
  void resampleFromIndicesOrFromASeed() {
    Resample indices = assertInstanceOf(Resample.class, convert(at("h").setResample(
        dev.kibitz.proto.v1.Resample.newBuilder().setIndices(ForwardSourceIndices.newBuilder()
            .addSourceIndex(2).addSourceIndex(0).addSourceIndex(1)))));
    Resample seeded = assertInstanceOf(Resample.class, convert(at("h").setResample(
        dev.kibitz.proto.v1.Resample.newBuilder().setSeed(99L))));
    Resample seedZero = assertInstanceOf(Resample.class, convert(at("h").setResample(
        dev.kibitz.proto.v1.Resample.newBuilder().setSeed(0L))));

    assertArrayEquals(new int[] {2, 0, 1}, indices.sourceIndex());
    assertNull(indices.seed());
    assertEquals(99L, seeded.seed());
    assertNull(seeded.sourceIndex());
    assertEquals(0L, seedZero.seed());
  }

  @Test
  void unsetSetValueAndResampleSourceAreRefusedInsteadOfDefaultingToZero() {
    List<TensorSpec> hooks = List.of(new TensorSpec("h", DType.FLOAT32, new long[] {2}, List.of("feature"), ""));
    List<Intervention> interventions = InterventionProtos.fromProtos(List.of(
        at("h").setSet(dev.kibitz.proto.v1.SetValue.newBuilder()).build(),
        at("h").setResample(dev.kibitz.proto.v1.Resample.newBuilder()).build()));

    KibitzException e = assertThrows(KibitzException.class,
        () -> ForwardPlan.validate("m", hooks, List.of(), interventions));

    assertEquals(KibitzException.Reason.INVALID_ARGUMENT, e.reason());
    assertEquals("intervention 0 (SetValue at 'h'): set needs a scalar or a tensor value; "
        + "intervention 1 (Resample at 'h'): resample needs exactly one of source indices or a seed", e.getMessage());
  }

  @Test
  void projectOutCarriesItsDirection() {
    ProjectOut p = assertInstanceOf(ProjectOut.class, convert(at("h").setProjectOut(
        dev.kibitz.proto.v1.ProjectOut.newBuilder().setDirection(WIRE_VECTOR))));

    assertTrue(VECTOR.sameAs(p.direction()));
  }

  @Test
  void selectorFieldsAreAllConvertedAndSurviveTheWayBack() {
    dev.kibitz.proto.v1.Selector wire = dev.kibitz.proto.v1.Selector.newBuilder()
        .addChannels(1).addChannels(3)
        .addPositions(Position.newBuilder().setRow(0).setCol(2))
        .addFlatIndices(5L)
        .setMask(TensorCodec.toProto(HostTensor.ofBools(new long[] {2}, true, false)))
        .addExamples(4)
        .build();

    Selector s = convert(at("h").setSelector(wire).setScale(dev.kibitz.proto.v1.Scale.newBuilder())).selector();

    assertArrayEquals(new int[] {1, 3}, s.channels());
    assertEquals(List.of(new Selector.Position(0, 2)), s.positions());
    assertArrayEquals(new long[] {5}, s.flatIndices());
    assertArrayEquals(new boolean[] {true, false}, s.mask().toBools());
    assertArrayEquals(new int[] {4}, s.examples());
    assertEquals(wire, InterventionProtos.toProto(s));
  }

  @Test
  void interventionWithNoActionIsRefused() {
    String m = refusal(at("h"));

    assertTrue(m.contains("intervention 0 at 'h': no action set (one of add, scale, set, clamp, ablate, patch, "
        + "resample, project_out, sae)"), m);
  }

  @Test
  void interventionWithoutAHookIsRefused() {
    String m = refusal(at("").setScale(dev.kibitz.proto.v1.Scale.newBuilder()));

    assertTrue(m.contains("intervention 0: hook is empty"), m);
  }

  @Test
  void malformedTensorIsRefusedNamingWhereItWas() {
    String m = refusal(at("h").setAdd(
        dev.kibitz.proto.v1.Add.newBuilder().setVector(Tensor.newBuilder().addShape(2))));

    assertTrue(m.startsWith("intervention 0 add vector: dtype DTYPE_UNSPECIFIED"), m);
  }

  @Test
  void aListIsNumberedInOrder() {
    List<dev.kibitz.proto.v1.Intervention> list = List.of(
        at("h").setScale(dev.kibitz.proto.v1.Scale.newBuilder().setFactor(2f)).build(),
        at("h").build());

    KibitzException e = assertThrows(KibitzException.class, () -> InterventionProtos.fromProtos(list));

    assertTrue(e.getMessage().startsWith("intervention 1 at 'h': no action set"), e.getMessage());
    assertEquals(1, InterventionProtos.fromProtos(list.subList(0, 1)).size());
  }
}
