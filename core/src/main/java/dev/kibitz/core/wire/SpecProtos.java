package dev.kibitz.core.wire;

import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelEntry;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.proto.v1.Checkpoint;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.ModelSummary;

/** Wire forms of tensor specs and model descriptions. */
public final class SpecProtos {
  private SpecProtos() {}

  public static dev.kibitz.proto.v1.TensorSpec toProto(TensorSpec s) {
    dev.kibitz.proto.v1.TensorSpec.Builder b = dev.kibitz.proto.v1.TensorSpec.newBuilder()
        .setName(s.name()).setDtype(s.dtype().proto()).addAllAxisNames(s.axisNames())
        .setDescription(s.description());
    for (long d : s.shape()) {
      b.addShape(d);
    }
    return b.build();
  }

  public static ModelSummary summary(ModelEntry e) {
    ModelSummary.Builder b = ModelSummary.newBuilder().setName(e.name()).setDescription(e.description())
        .setDefaultCheckpoint(e.defaultCheckpoint());
    for (ModelEntry.Checkpoint c : e.checkpoints()) {
      b.addCheckpoints(Checkpoint.newBuilder().setName(c.name()).setDescription(c.description()));
    }
    return b.build();
  }

  public static ModelDescription describe(ModelEntry e, HookedModel m) {
    ModelDescription.Builder b = ModelDescription.newBuilder().setSummary(summary(e)).setModelCard(e.modelCard());
    m.inputs().forEach(s -> b.addInputs(toProto(s)));
    m.outputs().forEach(s -> b.addOutputs(toProto(s)));
    m.hookPoints().forEach(s -> b.addHookPoints(toProto(s)));
    return b.build();
  }
}
