package dev.kibitz.probe.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.proto.v1.TensorSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The attributes contract: which labels are concepts (and of which kind) and which one conditions. */
class ProbePlanTest {

  static Dataset dataset(Map<String, String> attributes) {
    return Dataset.newBuilder().setName("d").setDtype(DType.FLOAT32.proto()).addRowShape(16)
        .addLabels(label("fork", DType.BOOL)).addLabels(label("margin", DType.FLOAT32))
        .addLabels(label("skill", DType.INT32)).addLabels(TensorSpec.newBuilder().setName("board")
            .setDtype(DType.FLOAT32.proto()).addShape(8).addShape(8))
        .putAllAttributes(attributes).build();
  }

  static TensorSpec label(String name, DType dtype) {
    return TensorSpec.newBuilder().setName(name).setDtype(dtype.proto()).build();
  }

  @Test
  void boolLabelsAreBinaryOthersRealAndConditioningIsOptional() {
    ProbePlan plan = ProbePlan.of(dataset(Map.of("probe.concepts", " fork,margin ", "probe.conditioning", "skill")))
        .orElseThrow();
    assertEquals(List.of(new ProbePlan.Concept(new ProbePlan.Label("fork", DType.BOOL), true),
        new ProbePlan.Concept(new ProbePlan.Label("margin", DType.FLOAT32), false)), plan.concepts());
    assertEquals(new ProbePlan.Label("skill", DType.INT32), plan.conditioning());
    assertEquals(List.of("fork", "margin", "skill"), plan.labels().stream().map(ProbePlan.Label::name).toList());
    assertEquals(null, ProbePlan.of(dataset(Map.of("probe.concepts", "fork"))).orElseThrow().conditioning());
    assertEquals(Optional.empty(), ProbePlan.of(dataset(Map.of("maze.region", "anywhere"))));
    assertEquals(true, plan.pooled(), "the pooled probe is trained unless asked not to be");
    assertEquals(false, ProbePlan.of(dataset(Map.of("probe.concepts", "fork", "probe.conditioning", "skill",
        "probe.pooled", "false"))).orElseThrow().pooled());
  }

  @Test
  void attributesThatContradictTheLabelsAreRefusedWithTheReason() {
    assertEquals("dataset 'd': probe.concepts names label 'pin', but the dataset's labels are [fork, margin, skill, "
        + "board]", refusal(Map.of("probe.concepts", "fork,pin")));
    assertEquals("dataset 'd': label 'board' named by probe.concepts has shape [8, 8] per row; probes need one value "
        + "per row", refusal(Map.of("probe.concepts", "board")));
    assertEquals("dataset 'd': probe.concepts 'fork,,margin' must be distinct label names separated by commas",
        refusal(Map.of("probe.concepts", "fork,,margin")));
    assertEquals("dataset 'd': label 'fork' cannot be both a concept and the probe.conditioning",
        refusal(Map.of("probe.concepts", "fork", "probe.conditioning", "fork")));
    assertEquals("dataset 'd': probe.pooled must be true or false, got 'no'",
        refusal(Map.of("probe.concepts", "fork", "probe.conditioning", "skill", "probe.pooled", "no")));
    assertEquals("dataset 'd': probe.pooled false leaves nothing to probe without a probe.conditioning",
        refusal(Map.of("probe.concepts", "fork", "probe.pooled", "false")));
  }

  static String refusal(Map<String, String> attributes) {
    return assertThrows(IllegalArgumentException.class, () -> ProbePlan.of(dataset(attributes))).getMessage();
  }
}
