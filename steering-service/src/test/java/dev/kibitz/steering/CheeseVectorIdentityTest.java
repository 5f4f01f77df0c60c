package dev.kibitz.steering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.Square;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.games.maze.agent.TrainingConfig;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.Add;
import dev.kibitz.proto.v1.AddVector;
import dev.kibitz.proto.v1.Application;
import dev.kibitz.proto.v1.BuildVectorRequest;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.GameState;
import dev.kibitz.proto.v1.Intervention;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.proto.v1.PerMazeCheeseVector;
import dev.kibitz.proto.v1.SquarePolicy;
import dev.kibitz.proto.v1.SteeringVector;
import dev.kibitz.proto.v1.VectorSource;
import dev.kibitz.steering.vector.VectorBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The algebra of the cheese vector, checked through both services against direct model-server forwards. */
class CheeseVectorIdentityTest extends Services {
  static final String HOOK = "stages.1.res.1.resid_out";
  private final Maze maze = MazeSpec.Seeded.of(TrainingConfig.HELD_OUT_SEED_BASE + 3, CheeseRegion.ANYWHERE).build();
  private final GameState start = MazeStates.toProto(maze, maze.mouseStart());
  private final GameState startNoCheese = MazeStates.toProto(maze, maze.mouseStart(), true);

  @Test
  void cheeseVectorEqualsTheDifferenceOfTwoCapturedActivations() {
    SteeringVector v = cheeseVector();
    float[] with = direct(List.of(), HOOK, start);
    float[] without = direct(List.of(), HOOK, startNoCheese);
    float[] expected = new float[with.length];
    for (int i = 0; i < with.length; i++) {
      expected[i] = with[i] - without[i];
    }
    assertArrayEquals(new long[] {32, 7, 7}, TensorCodec.fromProto(v.getValues(), "v").shape());
    assertArrayEquals(expected, TensorCodec.fromProto(v.getValues(), "v").toFloats());
    assertTrue(v.getNorm() > 0);
    assertEquals(HOOK, v.getProvenance().getHook());
    assertEquals(1, v.getProvenance().getPositiveCount());
    assertTrue(v.getProvenance().getCheckpoint().startsWith("step-"), v.getProvenance().getCheckpoint());
  }

  @Test
  void subtractingCheeseVectorAtStartReproducesNoCheeseForward() {
    Intervention subtract = Intervention.newBuilder().setHook(HOOK).setAdd(Add.newBuilder()
        .setVector(cheeseVector().getValues()).setCoefficient(-1f)).build();
    assertClose(direct(List.of(), HOOK, startNoCheese), direct(List.of(subtract), HOOK, start), 1e-5);

    Square elsewhere = maze.topRight();
    EvaluateRequest request = EvaluateRequest.newBuilder().setModel(ShippedAgent.NAME)
        .addCases(MazeCase.newBuilder().setMaze(start.getMaze())
            .addSquares(position(maze.mouseStart())).addSquares(position(elsewhere)))
        .setApplication(Application.newBuilder().setHook(HOOK).setAdd(AddVector.newBuilder()
            .setPerMazeCheese(PerMazeCheeseVector.getDefaultInstance()).setCoefficient(-1f))).build();
    MazeRow row = evaluate(request).rows().get(0);
    assertClose(direct(List.of(), "", startNoCheese), probabilities(row.getFieldPatchedList(), maze.mouseStart()), 1e-5);
    // Away from the start the vector is not that square's own cheese effect: the identity fails there.
    float[] noCheeseElsewhere = direct(List.of(), HOOK, MazeStates.toProto(maze, elsewhere, true));
    float[] patchedElsewhere = direct(List.of(subtract), HOOK, MazeStates.toProto(maze, elsewhere));
    double gap = maxDifference(noCheeseElsewhere, patchedElsewhere);
    assertTrue(gap > 1e-2, "max activation difference at " + elsewhere + ": " + gap);
  }

  @Test
  void zeroCoefficientChangesNothing() {
    EvaluateRequest.Builder request = EvaluateRequest.newBuilder().setModel(ShippedAgent.NAME)
        .setApplication(Application.newBuilder().setHook(HOOK).setAdd(AddVector.newBuilder()
            .setPerMazeCheese(PerMazeCheeseVector.getDefaultInstance()).setCoefficient(0f)));
    for (long seed = 0; seed < 3; seed++) {
      request.addCases(MazeCase.newBuilder().setMaze(MazeStates.toProto(
          MazeSpec.Seeded.of(TrainingConfig.HELD_OUT_SEED_BASE + seed, CheeseRegion.ANYWHERE).build(),
          maze.mouseStart()).getMaze().toBuilder().clearMouse()));
    }
    Evaluated e = evaluate(request.build());
    assertEquals(3, e.rows().size());
    for (MazeRow r : e.rows()) {
      assertTrue(r.getFieldPatchedCount() > 10);
      assertEquals(r.getFieldUnpatchedList(), r.getFieldPatchedList());
      assertEquals(r.getPCheeseUnpatched(), r.getPCheesePatched());
      assertTrue(r.getVectorNorm() > 0);
    }
    assertEquals(0.0, e.result().getSummary().getDeltaPCheese().getMean());
  }

  private SteeringVector cheeseVector() {
    return stub().buildVector(BuildVectorRequest.newBuilder().setModel(ShippedAgent.NAME).setHook(HOOK)
        .setSource(VectorSource.newBuilder().setMeanDifference(VectorBuilder.cheeseVectorSource(start))).build());
  }

  /** One state straight through the model server: the capture at {@code hook}, or softmaxed logits for "". */
  private static float[] direct(List<Intervention> interventions, String hook, GameState state) {
    ForwardOpen.Builder open = ForwardOpen.newBuilder().setModel(ShippedAgent.NAME).addAllInterventions(interventions);
    if (!hook.isEmpty()) {
      open.addCapture(hook);
    }
    try (ForwardStream s = models.openForward(open.build())) {
      s.send(ForwardRequest.newBuilder().setBatch(ForwardBatch.newBuilder().addStates(state)).build());
      var r = s.receive();
      return hook.isEmpty() ? dev.kibitz.core.tensor.Logits.softmax(r.outputs().get("logits").toFloats(), 0, 5)
          : r.captures().get(hook).toFloats();
    }
  }

  private static float[] probabilities(List<SquarePolicy> field, Square s) {
    SquarePolicy p = field.stream().filter(q -> q.getSquare().getRow() == s.row() && q.getSquare().getCol() == s.col())
        .findFirst().orElseThrow();
    float[] out = new float[p.getProbabilitiesCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = p.getProbabilities(i);
    }
    return out;
  }

  private static void assertClose(float[] expected, float[] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    assertTrue(maxDifference(expected, actual) <= tolerance, "max difference " + maxDifference(expected, actual));
  }

  private static double maxDifference(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  static dev.kibitz.proto.v1.Position position(Square s) {
    return dev.kibitz.proto.v1.Position.newBuilder().setRow(s.row()).setCol(s.col()).build();
  }
}
