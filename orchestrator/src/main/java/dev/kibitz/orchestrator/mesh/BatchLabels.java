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

  static NamedTensor label(String name, HostTensor t) {
    return NamedTensor.newBuilder().setName(name).setTensor(TensorCodec.toProto(t)).build();
  }
}
