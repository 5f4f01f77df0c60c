package dev.kibitz.modelserver.client;

import dev.kibitz.core.tensor.HostTensor;
import java.util.Map;

/** A batch's answer as the client received it: tensors reassembled into buffers. */
public record BatchReply(long batchIndex, int batchSize, Map<String, HostTensor> outputs,
    Map<String, HostTensor> captures, long forwardNanos) {

  public long byteSize() {
    long n = 0;
    for (HostTensor t : outputs.values()) {
      n += t.byteSize();
    }
    for (HostTensor t : captures.values()) {
      n += t.byteSize();
    }
    return n;
  }
}
