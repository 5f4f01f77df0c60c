package dev.kibitz.modelserver.forward;

import dev.kibitz.core.tensor.HostTensor;
import java.util.Map;

/**
 * One batch's answer: outputs in the model's order and captures in the session's order, each with
 * a leading batch axis. The server builds it from the engine; the Java client reassembles the same
 * record from the stream's parts. {@code forwardNanos}: the forward pass alone,
 * before results were copied out.
 */
public record BatchResult(long batchIndex, long batchSize, Map<String, HostTensor> outputs,
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
