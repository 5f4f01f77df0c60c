package dev.kibitz.modelserver.forward;

import ai.djl.ndarray.NDManager;
import dev.kibitz.core.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A batch's results as views of the engine's memory, kept alive until {@link #close}: the
 * transport serializes straight from them, so results are copied once (into the socket buffers)
 * instead of twice.
 */
public final class RetainedBatch implements AutoCloseable {
  private final BatchResult views;
  private final NDManager batchManager;

  RetainedBatch(BatchResult views, NDManager batchManager) {
    this.views = views;
    this.batchManager = batchManager;
  }

  /** Valid until {@link #close}. */
  public BatchResult views() {
    return views;
  }

  /** The same results in buffers of their own, valid after close. */
  public BatchResult copy() {
    return new BatchResult(views.batchIndex(), views.batchSize(), copy(views.outputs()), copy(views.captures()),
        views.forwardNanos());
  }

  private static Map<String, HostTensor> copy(Map<String, HostTensor> tensors) {
    Map<String, HostTensor> out = new LinkedHashMap<>();
    tensors.forEach((name, t) -> {
      ByteBuffer b = ByteBuffer.allocate((int) t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
      b.put(t.data()).flip();
      out.put(name, new HostTensor(t.dtype(), t.shape(), b));
    });
    return out;
  }

  @Override
  public void close() {
    batchManager.close();
  }
}
