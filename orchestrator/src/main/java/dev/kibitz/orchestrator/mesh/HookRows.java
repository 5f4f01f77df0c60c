package dev.kibitz.orchestrator.mesh;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.modelserver.client.Forwarder;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A hook's float activations over batches, captured through the model server without the store, one row each. */
final class HookRows {
  private HookRows() {}

  /** [rows, width]: every example of every batch in order, its activation flattened. */
  static HostTensor capture(Forwarder models, String model, String checkpoint, String hook,
      List<ForwardBatch> batches) {
    List<HostTensor> parts = new ArrayList<>();
    ForwardOpen open = ForwardOpen.newBuilder().setModel(model).setCheckpoint(checkpoint).addCapture(hook).build();
    try (Forwarder.Session s = models.open(open)) {
      for (ForwardBatch b : batches) {
        parts.add(s.forward(b).captures().get(hook));
      }
    }
    long rows = parts.stream().mapToLong(t -> t.shape()[0]).sum();
    int width = (int) (parts.get(0).elements() / parts.get(0).shape()[0]);
    ByteBuffer x = ByteBuffer.allocate(Math.toIntExact(rows * width * 4)).order(ByteOrder.LITTLE_ENDIAN);
    parts.forEach(t -> x.put(t.data().duplicate()));
    return new HostTensor(DType.FLOAT32, new long[] {rows, width}, x.flip());
  }
}
