package dev.kibitz.modelserver.forward;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.modelserver.games.GameStates;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.NamedTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link ForwardBatch} message as a session's inputs: the same decoding over gRPC and in this JVM. */
public final class ForwardBatches {
  private ForwardBatches() {}

  /** Tensors as sent, or game states encoded for {@code model}; never both. */
  public static Map<String, HostTensor> inputs(HookedModel model, ForwardBatch batch) {
    if (batch.getStatesCount() == 0) {
      return named(batch.getInputsList(), "input");
    }
    if (batch.getInputsCount() > 0) {
      throw KibitzException.invalid("a batch carries inputs or states, not both");
    }
    return GameStates.encode(model, batch.getStatesList());
  }

  /** Named tensors by name; a name given twice is INVALID_ARGUMENT. */
  public static Map<String, HostTensor> named(List<NamedTensor> tensors, String what) {
    Map<String, HostTensor> out = new LinkedHashMap<>();
    for (NamedTensor t : tensors) {
      if (out.put(t.getName(), TensorCodec.fromProto(t.getTensor(), what + " '" + t.getName() + "'")) != null) {
        throw KibitzException.invalid(what + " '" + t.getName() + "' is given twice");
      }
    }
    return out;
  }
}
