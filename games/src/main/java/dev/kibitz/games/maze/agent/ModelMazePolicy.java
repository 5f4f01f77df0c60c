package dev.kibitz.games.maze.agent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.hook.ForwardPlan;
import dev.kibitz.core.hook.HookedForward;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazeEncoder;
import dev.kibitz.games.maze.MazePolicy;
import dev.kibitz.games.maze.Square;
import java.util.List;
import java.util.Map;

/**
 * A maze policy in-process: encodes the positions, runs the hooked model once for all of them
 * (with the plan's interventions, if any), and softmaxes the "logits" output.
 */
public final class ModelMazePolicy implements MazePolicy {
  private final HookedModel model;
  private final ForwardPlan plan;

  public ModelMazePolicy(HookedModel model, ForwardPlan plan) {
    this.model = model;
    this.plan = plan;
  }

  /** The model as it is, no interventions. */
  public static ModelMazePolicy plain(HookedModel model) {
    return new ModelMazePolicy(model, ForwardPlan.empty(model.hookPoints()));
  }

  @Override
  public float[][] actionProbabilities(Maze maze, List<Square> mice) {
    try (NDManager batch = model.manager().newSubManager()) {
      HookedForward.Result r = HookedForward.run(model, plan, batch, Map.of("obs", MazeEncoder.encode(maze, mice)),
          Map.of(), () -> false);
      NDArray probs = r.outputs().get(0).softmax(1);
      float[] flat = probs.toFloatArray();
      int actions = (int) probs.getShape().get(1);
      float[][] out = new float[mice.size()][actions];
      for (int i = 0; i < out.length; i++) {
        System.arraycopy(flat, i * actions, out[i], 0, actions);
      }
      return out;
    }
  }
}
