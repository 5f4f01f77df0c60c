package dev.kibitz.sae.buffer;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Activation rows [n, d] FLOAT32 and the id of the input each row came from, INT64 [n]: the unit
 * a source hands the trainer and the shuffle buffer hands back.
 */
public record RowBatch(HostTensor rows, HostTensor ids) {
  public RowBatch {
    if (rows.dtype() != DType.FLOAT32 || rows.rank() != 2) {
      throw new IllegalArgumentException("rows must be FLOAT32 [n, d], got " + rows);
    }
    if (ids.dtype() != DType.INT64 || ids.rank() != 1 || ids.shape()[0] != rows.shape()[0]) {
      throw new IllegalArgumentException("ids must be INT64 [" + rows.shape()[0] + "] to match " + rows + ", got "
          + ids);
    }
  }

  /** For small callers (tests, clients); activation paths pass HostTensors. */
  public static RowBatch of(int d, float[] rows, long[] ids) {
    if (rows.length != (long) ids.length * d) {
      throw new IllegalArgumentException(rows.length + " floats is not " + ids.length + " rows of width " + d);
    }
    ByteBuffer b = ByteBuffer.allocateDirect(ids.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(ids);
    return new RowBatch(HostTensor.ofFloats(new long[] {ids.length, d}, rows),
        new HostTensor(DType.INT64, new long[] {ids.length}, b));
  }

  public int size() {
    return (int) rows.shape()[0];
  }

  public int width() {
    return (int) rows.shape()[1];
  }

  public long id(int row) {
    return ids.data().getLong(row * 8);
  }
}
