package dev.kibitz.sae.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.kibitz.sae.arch.SaeParameters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam written out (as MazeAgentTrainer does) so its moments are plain named arrays that a
 * checkpoint saves and a resume restores exactly. Updates run in place on the parameters.
 */
final class Adam {
  static final float BETA1 = 0.9f;
  static final float BETA2 = 0.999f;
  static final float EPS = 1e-8f;

  final Map<String, NDArray> first;
  final Map<String, NDArray> second;

  Adam(Map<String, NDArray> first, Map<String, NDArray> second) {
    this.first = first;
    this.second = second;
  }

  static Adam zeros(SaeParameters p) {
    Map<String, NDArray> m = new LinkedHashMap<>();
    Map<String, NDArray> v = new LinkedHashMap<>();
    p.arrays().forEach((k, a) -> {
      m.put(k, a.zerosLike());
      v.put(k, a.zerosLike());
    });
    return new Adam(m, v);
  }

  /** Moves the moments into the step's manager for the duration of the step. */
  void tempAttach(NDManager step) {
    first.values().forEach(step::tempAttachAll);
    second.values().forEach(step::tempAttachAll);
  }

  /** One update at 1-based step t. */
  void update(SaeParameters p, Map<String, NDArray> grads, double lr, int t) {
    float bc1 = 1 - (float) Math.pow(BETA1, t);
    float bc2 = 1 - (float) Math.pow(BETA2, t);
    for (Map.Entry<String, NDArray> e : p.arrays().entrySet()) {
      NDArray g = grads.get(e.getKey());
      NDArray m = first.get(e.getKey());
      NDArray v = second.get(e.getKey());
      m.muli(BETA1).addi(g.mul(1 - BETA1));
      v.muli(BETA2).addi(g.square().mul(1 - BETA2));
      e.getValue().subi(m.div(bc1).div(v.div(bc2).sqrt().add(EPS)).mul((float) lr));
    }
  }
}
