package dev.kibitz.steering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.Ablate;
import dev.kibitz.proto.v1.AblateChannels;
import dev.kibitz.proto.v1.AddVector;
import dev.kibitz.proto.v1.Application;
import dev.kibitz.proto.v1.BuildVectorRequest;
import dev.kibitz.proto.v1.ClampActivations;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.proto.v1.MazeSeed;
import dev.kibitz.proto.v1.MazeState;
import dev.kibitz.proto.v1.MeanDifference;
import dev.kibitz.proto.v1.PerMazeCheeseVector;
import dev.kibitz.proto.v1.Position;
import dev.kibitz.proto.v1.ResampleChannels;
import dev.kibitz.proto.v1.Selector;
import dev.kibitz.proto.v1.SetActivations;
import dev.kibitz.proto.v1.SteeringVector;
import dev.kibitz.proto.v1.VectorSource;
import dev.kibitz.steering.vector.VectorBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad requests are refused with INVALID_ARGUMENT or NOT_FOUND and a message naming the problem. */
class SteeringErrorsTest extends Services {
  private static final String HOOK = CheeseVectorIdentityTest.HOOK;
  private static final Maze MAZE = MazeSpec.Seeded.of(11, CheeseRegion.ANYWHERE).build();
  private static final MazeState STATE = MazeStates.toProto(MAZE, MAZE.mouseStart()).getMaze().toBuilder()
      .clearMouse().build();

  private static BuildVectorRequest.Builder cheeseVector() {
    return BuildVectorRequest.newBuilder().setModel(ShippedAgent.NAME).setHook(HOOK).setSource(VectorSource
        .newBuilder().setMeanDifference(VectorBuilder.cheeseVectorSource(MazeStates.toProto(MAZE, MAZE.mouseStart()))));
  }

  private static EvaluateRequest.Builder evaluation(Application.Builder application) {
    return EvaluateRequest.newBuilder().setModel(ShippedAgent.NAME).addCases(MazeCase.newBuilder().setMaze(STATE))
        .setApplication(application.setHook(application.getHook().isEmpty() ? HOOK : application.getHook()));
  }

  private static Application.Builder subtractCheese() {
    return Application.newBuilder().setAdd(AddVector.newBuilder()
        .setPerMazeCheese(PerMazeCheeseVector.getDefaultInstance()).setCoefficient(-1));
  }

  private static void refused(Status.Code code, String named, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
    assertTrue(e.getStatus().getDescription().contains(named), e.getStatus().getDescription());
  }

  private static void refusedEvaluate(Status.Code code, String named, EvaluateRequest request) {
    refused(code, named, () -> evaluate(request));
  }

  @Test
  void unknownModelIsNotFound() {
    refused(Status.Code.NOT_FOUND, "no-such-model", () -> stub().buildVector(cheeseVector().setModel("no-such-model")
        .build()));
    refusedEvaluate(Status.Code.NOT_FOUND, "no-such-model",
        evaluation(subtractCheese()).setModel("no-such-model").build());
  }

  @Test
  void unknownCheckpointIsNotFound() {
    refusedEvaluate(Status.Code.NOT_FOUND, "step-999", evaluation(subtractCheese()).setCheckpoint("step-999").build());
  }

  @Test
  void unknownHookIsInvalid() {
    refused(Status.Code.INVALID_ARGUMENT, "stages.9.nope", () -> stub().buildVector(cheeseVector()
        .setHook("stages.9.nope").build()));
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "stages.9.nope",
        evaluation(subtractCheese().setHook("stages.9.nope")).build());
  }

  @Test
  void emptyInputSetsAreInvalid() {
    refused(Status.Code.INVALID_ARGUMENT, "positive and negative", () -> stub().buildVector(cheeseVector()
        .setSource(VectorSource.newBuilder().setMeanDifference(MeanDifference.getDefaultInstance())).build()));
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "cases", evaluation(subtractCheese()).clearCases().build());
    refused(Status.Code.INVALID_ARGUMENT, "source", () -> stub().buildVector(cheeseVector().clearSource().build()));
  }

  @Test
  void vectorOfTheWrongShapeIsInvalid() {
    SteeringVector wrong = SteeringVector.newBuilder()
        .setValues(TensorCodec.toProto(HostTensor.ofFloats(new long[] {16, 7, 7}, new float[16 * 49]))).build();
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "does not match hook", evaluation(Application.newBuilder()
        .setAdd(AddVector.newBuilder().setGiven(wrong).setCoefficient(1))).build());
  }

  @Test
  void missingCoefficientIsInvalid() {
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "coefficient", evaluation(Application.newBuilder()
        .setAdd(AddVector.newBuilder().setPerMazeCheese(PerMazeCheeseVector.getDefaultInstance()))).build());
  }

  @Test
  void badSelectorsAreInvalid() {
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "channel 32", evaluation(Application.newBuilder()
        .setClamp(ClampActivations.newBuilder().setSelector(Selector.newBuilder().addChannels(32)).setMin(0))).build());
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "(9, 0)", evaluation(Application.newBuilder()
        .setSet(SetActivations.newBuilder().setSelector(Selector.newBuilder()
            .addPositions(Position.newBuilder().setRow(9))).setValue(5))).build());
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "channel -1", evaluation(Application.newBuilder()
        .setAblate(AblateChannels.newBuilder().addChannels(-1).setMode(Ablate.Mode.MODE_ZERO))).build());
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "mode", evaluation(Application.newBuilder()
        .setAblate(AblateChannels.newBuilder().addChannels(1))).build());
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "min, max", evaluation(Application.newBuilder()
        .setClamp(ClampActivations.newBuilder().setSelector(Selector.newBuilder().addChannels(1)))).build());
    // a selector only the model server can check: a mask of the wrong shape
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "model server", evaluation(Application.newBuilder()
        .setSet(SetActivations.newBuilder().setSelector(Selector.newBuilder().setMask(TensorCodec.toProto(
            HostTensor.ofBools(new long[] {2}, true, false)))))).build());
  }

  @Test
  void resampleNeedsASourceMaze() {
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "cases[0].source", evaluation(Application.newBuilder()
        .setResample(ResampleChannels.newBuilder().addChannels(3))).build());
  }

  @Test
  void mazeSpecErrorsNameTheCase() {
    MazeState even = MazeState.newBuilder().setSeeded(MazeSeed.newBuilder().setSeed(1).setSize(4)
        .setCheese(dev.kibitz.proto.v1.CheeseRegion.CHEESE_REGION_ANYWHERE)).build();
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "cases[1].maze", evaluation(subtractCheese())
        .addCases(MazeCase.newBuilder().setMaze(even)).build());
    refusedEvaluate(Status.Code.INVALID_ARGUMENT, "cases[0].squares", evaluation(subtractCheese()).setCases(0,
        MazeCase.newBuilder().setMaze(STATE).addSquares(Position.newBuilder().setRow(0).setCol(0))).build());
  }

  @AfterAll
  static void stillServing() {
    HealthCheckResponse h = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
    assertEquals(HealthCheckResponse.ServingStatus.SERVING, h.getStatus());
    assertTrue(stub().buildVector(cheeseVector().build()).getNorm() > 0);
  }
}
