package dev.kibitz.core.modelpackage;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.hook.HookPoint;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A package's forward pass as a DJL block tree: stage 0, its boundary {@link HookPoint}, stage 1,
 * ... the last stage, whose results are the model outputs. A stage's extra results go through
 * their own hook points (captured, never fed on) before its boundary; so captures and
 * interventions work on a package exactly as on a zoo model.
 */
final class StageChain extends AbstractBlock {
  private final List<TorchScriptStage> stages = new ArrayList<>();
  private final List<HookPoint> boundaries = new ArrayList<>();
  private final List<List<HookPoint>> extras = new ArrayList<>();
  private final List<String> stageNames = new ArrayList<>();
  private final int outputs;

  StageChain(List<PackageManifest.Stage> declared, List<TorchScriptStage> modules, int outputs) {
    this.outputs = outputs;
    for (int i = 0; i < declared.size(); i++) {
      PackageManifest.Stage s = declared.get(i);
      stageNames.add(s.name());
      stages.add(addChildBlock("stage" + i, modules.get(i)));
      List<HookPoint> stageExtras = new ArrayList<>();
      for (TensorSpec e : s.extras()) {
        stageExtras.add(addChildBlock("extra" + i + "_" + stageExtras.size(), hookPoint(e)));
      }
      extras.add(stageExtras);
      boundaries.add(s.hook() == null ? null : addChildBlock("hook" + i, hookPoint(s.hook())));
    }
  }

  private static HookPoint hookPoint(TensorSpec spec) {
    return new HookPoint(spec.name(), spec.axisNames(), spec.description());
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDList x = inputs;
    for (int i = 0; i < stages.size(); i++) {
      NDList out = stages.get(i).forward(ps, x, training);
      if (i == stages.size() - 1) {
        if (out.size() != outputs) {
          throw KibitzException.invalid("last stage '" + stageNames.get(i) + "' returned " + out.size()
              + " tensors, the manifest declares " + outputs + " outputs");
        }
        return out;
      }
      List<HookPoint> stageExtras = extras.get(i);
      if (out.size() != 1 + stageExtras.size()) {
        throw KibitzException.invalid("stage '" + stageNames.get(i) + "' returned " + out.size()
            + " tensors, the manifest declares 1 boundary + " + stageExtras.size() + " extras");
      }
      for (int k = 0; k < stageExtras.size(); k++) {
        // Read-only: the plan never edits an extra (ForwardPlan refuses it), and nothing reads it on.
        stageExtras.get(k).forward(ps, new NDList(out.get(k + 1)), training);
      }
      x = boundaries.get(i).forward(ps, new NDList(out.get(0)), training);
    }
    throw new IllegalStateException("a package has at least one stage");
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    throw new UnsupportedOperationException("package output shapes are measured by a forward pass");
  }
}
