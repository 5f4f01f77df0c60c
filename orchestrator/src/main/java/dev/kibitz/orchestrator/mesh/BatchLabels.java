package dev.kibitz.orchestrator.mesh;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.proto.v1.NamedTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Per-row labels of a forward batch, as the store writes them next to the captures. */
final class BatchLabels {
  private BatchLabels() {}

  /** A little-endian buffer of {@code bytes}, to fill and flip. */
  static ByteBuffer buffer(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** An INT64 label's values; IllegalArgumentException when the batch has no such label. */
  static java.util.List<Long> longs(dev.kibitz.proto.v1.ForwardBatch batch, String name) {
    for (NamedTensor t : batch.getLabelsList()) {
      if (t.getName().equals(name)) {
        ByteBuffer b = TensorCodec.fromProto(t.getTensor(), name).data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        java.util.List<Long> out = new java.util.ArrayList<>();
        while (b.remaining() >= 8) {
          out.add(b.getLong());
        }
        return out;
      }
    }
    throw new IllegalArgumentException("batch " + batch.getBatchId() + " has no label '" + name + "'");
  }

  static NamedTensor label(String name, HostTensor t) {
    return NamedTensor.newBuilder().setName(name).setTensor(TensorCodec.toProto(t)).build();
  }
}
