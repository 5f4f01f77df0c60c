package dev.kibitz.core.intervention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import java.util.Map;

/**
 * What an intervention sees of the batch it edits: the batch's manager (every array made while
 * editing is closed with the batch), its size, and the tensors sent with it for Patch.
 */
public record EditContext(NDManager manager, long batchSize, Map<String, HostTensor> batchInputs) {

  public EditContext {
    batchInputs = Map.copyOf(batchInputs);
  }

  public NDArray array(HostTensor tensor) {
    return TensorCodec.toNDArray(manager, tensor);
  }
}
