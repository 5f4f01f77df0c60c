package dev.kibitz.modelserver.grpc;

import com.google.protobuf.UnsafeByteOperations;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.proto.v1.ForwardResponse;
import dev.kibitz.proto.v1.TensorPart;
import java.nio.ByteBuffer;
import java.util.List;

/** Splits a tensor into TensorPart messages of at most a chunk of bytes each, without copying. */
final class TensorParts {
  private TensorParts() {}

  static void append(List<ForwardResponse> out, long batchIndex, TensorPart.Role role, String name, HostTensor t,
      int chunkBytes) {
    TensorPart.Builder header = TensorPart.newBuilder().setBatchIndex(batchIndex).setRole(role).setName(name)
        .setDtype(t.dtype().proto()).setTotalBytes(t.byteSize());
    for (long d : t.shape()) {
      header.addShape(d);
    }
    ByteBuffer data = t.data();
    long total = t.byteSize();
    long offset = 0;
    do {
      int len = (int) Math.min(chunkBytes, total - offset);
      ByteBuffer slice = data.duplicate().position((int) offset).limit((int) offset + len).slice();
      out.add(ForwardResponse.newBuilder()
          .setPart(header.clone().setOffset(offset).setData(UnsafeByteOperations.unsafeWrap(slice)))
          .build());
      offset += len;
    } while (offset < total);
  }
}
