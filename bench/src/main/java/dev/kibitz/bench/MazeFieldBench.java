package dev.kibitz.bench;

import ai.djl.Device;
import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazePolicy;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.games.maze.agent.ModelMazePolicy;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.games.maze.view.VectorField;
import dev.kibitz.games.zoo.ZooModels;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.client.RemoteMazePolicy;
import dev.kibitz.proto.v1.ForwardOpen;
import java.util.Map;

/**
 * Maze positions encoded and evaluated per second: the vector field of a 25x25 maze (every free
 * square in one batch) through the model server over gRPC on loopback, where the server encodes
 * the maze states, vs the same field computed in-process. Rounds interleave the two.
 */
public final class MazeFieldBench implements Bench {
  private static final int ROUNDS = 10;
  private static final int FIELDS_PER_ROUND = 5;

  @Override
  public String name() {
    return "maze-field";
  }

  @Override
  public String description() {
    return "vector field of a 25x25 maze in one batched call: model server over gRPC (server-side encoding) vs "
        + "in-process";
  }

  @Override
  public Map<String, Object> run() throws Exception {
    Maze maze = new MazeSpec.Seeded(3, 25, CheeseRegion.ANYWHERE, MazeSpec.DEFAULT_REGION).build();
    int positions = maze.freeSquares().size() - 1;
    Map<String, Object> f = Bench.figures();
    try (ModelRegistry registry = new ModelRegistry(Device.cpu());
        LoopbackModelServer server = LoopbackModelServer.start();
        ForwardStream stream = server.client().openForward(ForwardOpen.newBuilder().setModel(ShippedAgent.NAME).build())) {
      ZooModels.registerAll(registry);
      MazePolicy local = ModelMazePolicy.plain(registry.model(ShippedAgent.NAME, ""));
      MazePolicy remote = new RemoteMazePolicy(stream);
      for (int warm = 0; warm < 3; warm++) {
        VectorField.compute(maze, local);
        VectorField.compute(maze, remote);
      }
      long[] localNanos = new long[ROUNDS];
      long[] remoteNanos = new long[ROUNDS];
      ProgressBar bar = new ProgressBar("maze-field", ROUNDS);
      for (int r = 0; r < ROUNDS; r++) {
        localNanos[r] = time(maze, local);
        remoteNanos[r] = time(maze, remote);
        bar.update(r + 1);
      }
      double localRate = positions * FIELDS_PER_ROUND / (Bench.median(localNanos) / 1e9);
      double remoteRate = positions * FIELDS_PER_ROUND / (Bench.median(remoteNanos) / 1e9);
      f.put("model", ShippedAgent.NAME);
      f.put("maze_size", maze.size());
      f.put("positions_per_field", positions);
      f.put("in_process_positions_s", Bench.round(localRate, 0));
      f.put("grpc_positions_s", Bench.round(remoteRate, 0));
      f.put("ratio_grpc_vs_in_process", Bench.round(remoteRate / localRate, 3));
      f.put("goal_ratio", 0.8);
    }
    return f;
  }

  private static long time(Maze maze, MazePolicy policy) {
    long start = System.nanoTime();
    for (int i = 0; i < FIELDS_PER_ROUND; i++) {
      VectorField.compute(maze, policy);
    }
    return System.nanoTime() - start;
  }
}
