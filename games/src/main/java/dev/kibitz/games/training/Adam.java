package dev.kibitz.games.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam written out (so every step's temporaries live in one visible sub-manager, and a resumed
 * run can restore the moments exactly): one update of every weight from its gradient, then the
 * gradient zeroed, since DJL does not zero gradients between steps.
 */
public final class Adam {
  public static final float BETA1 = 0.9f;
  public static final float BETA2 = 0.999f;
  public static final float EPS = 1e-8f;

  private Adam() {}

  /** A block's weights (set to require gradients) and zeroed first and second moments, in parameter order. */
  public record Moments(List<String> names, List<NDArray> weights, List<NDArray> m, List<NDArray> v) {
    public static Moments of(Block block) {
      return of(block, name -> true);
    }

    /**
     * Moments of the parameters {@code trainable} accepts; the others are set to need no gradient, so
     * backward never reaches them and an update never touches them (frozen).
     */
    public static Moments of(Block block, java.util.function.Predicate<String> trainable) {
      List<String> names = new ArrayList<>();
      List<NDArray> weights = new ArrayList<>();
      List<NDArray> m = new ArrayList<>();
      List<NDArray> v = new ArrayList<>();
      for (Pair<String, Parameter> p : block.getParameters()) {
        NDArray w = p.getValue().getArray();
        if (!trainable.test(p.getKey())) {
          w.setRequiresGradient(false);
          continue;
        }
        w.setRequiresGradient(true);
        names.add(p.getKey());
        weights.add(w);
        m.add(w.zerosLike());
        v.add(w.zerosLike());
      }
      return new Moments(names, weights, m, v);
    }

    /** One update of every weight; see {@link Adam#update}. */
    public void update(NDManager step, int t, float learningRate) {
      Adam.update(step, weights, m, v, t, learningRate);
    }
  }

  /**
   * @param step the step's sub-manager; temporaries attach to it
   * @param t 1-based step count since the moments were last zeroed (bias correction)
   */
  public static void update(NDManager step, List<NDArray> weights, List<NDArray> m, List<NDArray> v, int t,
      float learningRate) {
    Autograd.withoutGrad(() -> updateInPlace(step, weights, m, v, t, learningRate));
  }

  private static void updateInPlace(NDManager step, List<NDArray> weights, List<NDArray> m, List<NDArray> v, int t,
      float learningRate) {
    float bc1 = 1 - (float) Math.pow(BETA1, t);
    float bc2 = 1 - (float) Math.pow(BETA2, t);
    for (int i = 0; i < weights.size(); i++) {
      NDArray w = weights.get(i);
      NDArray g = w.getGradient();
      step.tempAttachAll(w, m.get(i), v.get(i));
      step.attachAll(g);
      m.get(i).muli(BETA1).addi(g.mul(1 - BETA1));
      v.get(i).muli(BETA2).addi(g.square().mul(1 - BETA2));
      w.subi(m.get(i).div(bc1).div(v.get(i).div(bc2).sqrt().add(EPS)).mul(learningRate));
      g.subi(g);
    }
  }
}
