package dev.kibitz.orchestrator.mesh;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.PathFinder;
import dev.kibitz.games.maze.Square;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.store.catalog.LabelSpec;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A maze input set: every free square of mazes {@code firstSeed .. firstSeed + count - 1} as the mouse's
 * position, one batch per maze, with concept labels per square for the probes:
 * <ul>
 *   <li>{@code input_id} = seed * 1000 + index of the square among the maze's free squares;
 *   <li>{@code cheese_dx}, {@code cheese_dy}: the cheese's column and row minus the mouse's (grid cells);
 *   <li>{@code steps_to_cheese}: length of the shortest path from the mouse to the cheese;
 *   <li>{@code cheese_within_5}: that path is at most 5 steps (a binary concept).
 * </ul>
 */
public record MazeSquares(long firstSeed, int count, CheeseRegion cheese) {
  public static final List<String> CONCEPTS = List.of("cheese_within_5", "cheese_dx", "cheese_dy", "steps_to_cheese");
  static final int NEAR = 5;

  public static List<LabelSpec> labels() {
    return List.of(new LabelSpec("input_id", DType.INT64, new long[0]),
        new LabelSpec("cheese_within_5", DType.BOOL, new long[0]),
        new LabelSpec("cheese_dx", DType.FLOAT32, new long[0]),
        new LabelSpec("cheese_dy", DType.FLOAT32, new long[0]),
        new LabelSpec("steps_to_cheese", DType.FLOAT32, new long[0]));
  }

  public Maze maze(int index) {
    return MazeSpec.Seeded.of(firstSeed + index, cheese).build();
  }

  /** Maze {@code index}'s batch: its states (encoded by the model server); with labels, also its id and concepts. */
  public ForwardBatch batch(int index, boolean withLabels) {
    Maze m = maze(index);
    List<Square> squares = m.freeSquares();
    ForwardBatch.Builder b = ForwardBatch.newBuilder();
    squares.forEach(sq -> b.addStates(MazeStates.toProto(m, sq)));
    if (!withLabels) {
      return b.build(); // batch ids and labels are only for sessions that write to the store
    }
    b.setBatchId("maze-" + (firstSeed + index));
    int n = squares.size();
    int[][] distance = new PathFinder(m).distances(m.cheese());
    ByteBuffer ids = BatchLabels.buffer(n * 8);
    ByteBuffer near = BatchLabels.buffer(n);
    ByteBuffer dx = BatchLabels.buffer(n * 4);
    ByteBuffer dy = BatchLabels.buffer(n * 4);
    ByteBuffer steps = BatchLabels.buffer(n * 4);
    for (int j = 0; j < n; j++) {
      Square sq = squares.get(j);
      int d = distance[sq.row()][sq.col()];
      ids.putLong((firstSeed + index) * 1_000 + j);
      near.put((byte) (d <= NEAR ? 1 : 0));
      dx.putFloat(m.cheese().col() - sq.col());
      dy.putFloat(m.cheese().row() - sq.row());
      steps.putFloat(d);
    }
    long[] shape = {n};
    return b.addLabels(BatchLabels.label("input_id", new HostTensor(DType.INT64, shape, ids.flip())))
        .addLabels(BatchLabels.label("cheese_within_5", new HostTensor(DType.BOOL, shape, near.flip())))
        .addLabels(BatchLabels.label("cheese_dx", new HostTensor(DType.FLOAT32, shape, dx.flip())))
        .addLabels(BatchLabels.label("cheese_dy", new HostTensor(DType.FLOAT32, shape, dy.flip())))
        .addLabels(BatchLabels.label("steps_to_cheese", new HostTensor(DType.FLOAT32, shape, steps.flip()))).build();
  }
}
