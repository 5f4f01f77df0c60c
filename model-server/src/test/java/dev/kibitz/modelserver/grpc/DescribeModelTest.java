package dev.kibitz.modelserver.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.modelserver.testing.ForwardFixtures;
import dev.kibitz.modelserver.testing.SharedServer;
import dev.kibitz.proto.v1.Checkpoint;
import dev.kibitz.proto.v1.DType;
import dev.kibitz.proto.v1.ListModelsResponse;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.ModelSummary;
import dev.kibitz.proto.v1.TensorSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ListModels and DescribeModel over a real channel. */
class DescribeModelTest extends SharedServer {
  @Test
  void listModelsNamesResconvPolicyWithBothSeedCheckpointsAndSeedZeroAsDefault() {
    ListModelsResponse list = client.listModels();

    assertEquals(List.of("resconv-policy", "maze-agent", "chess-policy"),
        list.getModelsList().stream().map(ModelSummary::getName).toList());
    ModelSummary m = list.getModels(0);
    assertEquals("resconv-policy", m.getName());
    assertEquals(List.of("init-seed-0", "init-seed-1"),
        m.getCheckpointsList().stream().map(Checkpoint::getName).toList());
    assertEquals("He-uniform weights from seed 0", m.getCheckpoints(0).getDescription());
    assertEquals("init-seed-0", m.getDefaultCheckpoint());
    assertTrue(m.getDescription().startsWith("IMPALA-style residual conv policy"), m.getDescription());
  }

  @Test
  void listModelsNamesTheShippedMazeAgentWithItsTrainingCheckpointsAndTheLastAsDefault() {
    ModelSummary agent = client.listModels().getModels(1);

    List<String> checkpoints = agent.getCheckpointsList().stream().map(Checkpoint::getName).toList();
    assertEquals(15, checkpoints.size());
    assertEquals("step-000000", checkpoints.get(0));
    assertEquals("step-000025", checkpoints.get(1));
    assertEquals("step-040000", checkpoints.get(12)); // end of training phase 0
    assertEquals("step-120000", checkpoints.get(14));
    assertEquals("step-120000", agent.getDefaultCheckpoint());
  }

  @Test
  void describeModelGivesPerExampleInputAndOutputSpecs() {
    ModelDescription d = client.describe("resconv-policy");

    assertEquals(client.listModels().getModels(0), d.getSummary());
    assertEquals(List.of(spec("obs", List.of(3L, 25L, 25L), List.of("channel", "row", "col"))),
        d.getInputsList().stream().map(DescribeModelTest::withoutDescription).toList());
    assertEquals("observation planes: walls, mouse, cheese", d.getInputs(0).getDescription());
    assertEquals(List.of(spec("logits", List.of(5L), List.of("action")), spec("value", List.of(1L), List.of("value"))),
        d.getOutputsList().stream().map(DescribeModelTest::withoutDescription).toList());
  }

  @Test
  void describeModelListsAll27HookPointsInForwardOrderWithShapesAndAxisNames() {
    ModelDescription d = client.describe("resconv-policy");

    assertEquals(ForwardFixtures.allHooks(), d.getHookPointsList().stream().map(TensorSpec::getName).toList());
    Map<String, TensorSpec> hooks = d.getHookPointsList().stream()
        .collect(Collectors.toMap(TensorSpec::getName, Function.identity()));
    List<String> chw = List.of("channel", "row", "col");
    assertHook(spec("stages.0.conv_out", List.of(16L, 25L, 25L), chw), hooks);
    assertHook(spec("stages.0.pool_out", List.of(16L, 13L, 13L), chw), hooks);
    assertHook(spec("stages.1.conv_out", List.of(32L, 13L, 13L), chw), hooks);
    assertHook(spec("stages.1.res.0.resid_out", List.of(32L, 7L, 7L), chw), hooks);
    assertHook(spec("stages.2.res.1.conv0_out", List.of(32L, 4L, 4L), chw), hooks);
    assertHook(spec("fc_out", List.of(256L), List.of("feature")), hooks);
    assertHook(spec("policy_logits", List.of(5L), List.of("action")), hooks);
    assertHook(spec("value", List.of(1L), List.of("value")), hooks);
    assertEquals("dense features after ReLU, shared by both heads", hooks.get("fc_out").getDescription());
    assertTrue(d.getHookPointsList().stream().noneMatch(h -> h.getDescription().isEmpty()),
        "every hook point is described");
  }

  @Test
  void describeModelCarriesTheMarkdownModelCard() {
    String card = client.describe("resconv-policy").getModelCard();

    assertTrue(card.startsWith("# resconv-policy\n"), card);
    assertTrue(card.contains("**Hook points (27, in forward order).**"), card);
  }

  @Test
  void describingAnUnknownModelIsNotFoundAndNamesTheKnownModels() {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.describe("alphazero"));

    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertEquals("no model named 'alphazero' (known: resconv-policy, maze-agent, chess-policy)", e.getStatus().getDescription());
  }

  private static TensorSpec spec(String name, List<Long> shape, List<String> axes) {
    return TensorSpec.newBuilder().setName(name).setDtype(DType.DTYPE_FLOAT32).addAllShape(shape)
        .addAllAxisNames(axes).build();
  }

  private static void assertHook(TensorSpec expected, Map<String, TensorSpec> hooks) {
    assertEquals(expected, withoutDescription(hooks.get(expected.getName())));
  }

  private static TensorSpec withoutDescription(TensorSpec s) {
    return s.toBuilder().clearDescription().build();
  }
}
