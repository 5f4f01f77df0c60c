package dev.kibitz.modelserver.games;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeEncoder;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.Square;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.testing.SharedServer;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.GameState;
import dev.kibitz.proto.v1.MazeGrid;
import dev.kibitz.proto.v1.MazeSeed;
import dev.kibitz.proto.v1.MazeState;
import dev.kibitz.proto.v1.NamedTensor;
import dev.kibitz.proto.v1.Position;
import dev.kibitz.core.tensor.TensorCodec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Maze positions sent as game states are encoded by the server exactly as a client would. */
class MazeStatesOverGrpcTest extends SharedServer {
  private static ForwardOpen open() {
    return ForwardOpen.newBuilder().setModel("resconv-policy").addCapture("stages.0.conv_out").build();
  }

  private static BatchResult forward(ForwardBatch batch) {
    try (ForwardStream s = client.openForward(open())) {
      s.send(ForwardRequest.newBuilder().setBatch(batch).build());
      return s.receive();
    }
  }

  @Test
  void seededAndGridStatesGiveTheSameBytesAsClientEncodedTensors() {
    Maze maze = MazeSpec.Seeded.of(17, CheeseRegion.ANYWHERE).build();
    List<Square> mice = List.of(maze.mouseStart(), maze.freeSquares().get(3), maze.topRight());
    ForwardBatch.Builder seeded = ForwardBatch.newBuilder();
    ForwardBatch.Builder grid = ForwardBatch.newBuilder();
    for (Square m : mice) {
      seeded.addStates(MazeStates.toProto(maze, m));
      grid.addStates(MazeStates.toProto(maze.withCheese(maze.cheese()), m));
    }
    assertTrue(grid.getStates(0).getMaze().hasGrid());
    ForwardBatch tensors = ForwardBatch.newBuilder().addInputs(NamedTensor.newBuilder().setName("obs")
        .setTensor(TensorCodec.toProto(MazeEncoder.encode(maze, mice)))).build();

    BatchResult expected = forward(tensors);
    for (BatchResult r : List.of(forward(seeded.build()), forward(grid.build()))) {
      assertEquals(3, r.batchSize());
      assertTrue(expected.outputs().get("logits").sameAs(r.outputs().get("logits")));
      assertTrue(expected.captures().get("stages.0.conv_out").sameAs(r.captures().get("stages.0.conv_out")));
    }
  }

  @Test
  void noCheeseStatesEncodeLikeTheClientSideEncoderWithTheCheeseHidden() {
    Maze maze = MazeSpec.Seeded.of(17, CheeseRegion.ANYWHERE).build();
    List<Square> mice = List.of(maze.mouseStart(), maze.topRight());
    ForwardBatch states = ForwardBatch.newBuilder().addStates(MazeStates.toProto(maze, mice.get(0), true))
        .addStates(MazeStates.toProto(maze, mice.get(1), false)).build();
    ForwardBatch tensors = ForwardBatch.newBuilder().addInputs(NamedTensor.newBuilder().setName("obs")
        .setTensor(TensorCodec.toProto(MazeEncoder.encode(List.of(maze, maze), mice, List.of(true, false))))).build();
    BatchResult expected = forward(tensors);
    BatchResult r = forward(states);
    assertTrue(expected.captures().get("stages.0.conv_out").sameAs(r.captures().get("stages.0.conv_out")));
    BatchResult withCheese = forward(ForwardBatch.newBuilder().addStates(MazeStates.toProto(maze, mice.get(0))).build());
    assertTrue(!withCheese.outputs().get("logits").sameAs(forward(ForwardBatch.newBuilder()
        .addStates(MazeStates.toProto(maze, mice.get(0), true)).build()).outputs().get("logits")));
  }

  @Test
  void anUnsetMouseStandsOnTheStart() {
    Maze maze = MazeSpec.Seeded.of(5, CheeseRegion.TOP_RIGHT).build();
    GameState atStart = GameState.newBuilder().setMaze(MazeState.newBuilder().setSeeded(MazeSeed.newBuilder()
        .setSeed(5).setCheese(dev.kibitz.proto.v1.CheeseRegion.CHEESE_REGION_TOP_RIGHT))).build();
    BatchResult implicit = forward(ForwardBatch.newBuilder().addStates(atStart).build());
    BatchResult explicit = forward(ForwardBatch.newBuilder().addStates(MazeStates.toProto(maze, maze.mouseStart()))
        .build());
    assertTrue(explicit.outputs().get("logits").sameAs(implicit.outputs().get("logits")));
  }

  private static String refusal(GameState state) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> forward(ForwardBatch.newBuilder().addStates(state).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    return e.getStatus().getDescription();
  }

  private static GameState grid(String... rows) {
    return GameState.newBuilder().setMaze(MazeState.newBuilder().setGrid(MazeGrid.newBuilder()
        .addAllRows(List.of(rows)))).build();
  }

  @Test
  void badMazeSpecsAreRefusedNamingTheStateAndTheProblem() {
    assertEquals("state 0: maze grid must be square: row 1 has 2 squares, expected 3", refusal(grid("..C", "..",
        "...")));
    assertEquals("state 0: maze grid must have an odd number of rows in [3, 25], got 4",
        refusal(grid("...C", "....", "....", "....")));
    assertEquals("state 0: the cheese at (11,13) cannot be reached from the mouse's start",
        refusal(grid("..C", "###", "...")));
    assertEquals("state 0: maze size must be odd in [3, 25] (or 0 to draw it), got 27",
        refusal(GameState.newBuilder().setMaze(MazeState.newBuilder().setSeeded(MazeSeed.newBuilder().setSeed(1)
            .setSize(27).setCheese(dev.kibitz.proto.v1.CheeseRegion.CHEESE_REGION_ANYWHERE))).build()));
    assertEquals("state 0: maze cheese region must be CHEESE_REGION_TOP_RIGHT or CHEESE_REGION_ANYWHERE",
        refusal(GameState.newBuilder().setMaze(MazeState.newBuilder().setSeeded(MazeSeed.newBuilder().setSeed(1)))
            .build()));
    assertEquals("state 0: mouse square (0,0) is a wall (or off the 25x25 grid)",
        refusal(GameState.newBuilder().setMaze(grid("..C", "...", "...").getMaze().toBuilder()
            .setMouse(Position.newBuilder().setRow(0).setCol(0))).build()));
    assertEquals("state 0: no game set (maze or chess)", refusal(GameState.getDefaultInstance()));
  }

  @Test
  void aBatchWithBothTensorsAndStatesIsRefused() {
    Maze maze = MazeSpec.Seeded.of(2, CheeseRegion.ANYWHERE).build();
    ForwardBatch both = ForwardBatch.newBuilder().addStates(MazeStates.toProto(maze, maze.mouseStart()))
        .addInputs(NamedTensor.newBuilder().setName("obs")
            .setTensor(TensorCodec.toProto(MazeEncoder.encode(maze, List.of(maze.mouseStart()))))).build();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> forward(both));
    assertEquals("a batch carries inputs or states, not both", e.getStatus().getDescription());
  }
}
