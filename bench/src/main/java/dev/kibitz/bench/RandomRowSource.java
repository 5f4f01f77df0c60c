package dev.kibitz.bench;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.buffer.RowSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Gaussian rows for SAE benchmarks: a few batches drawn once (direct buffers) and handed out in a
 * cycle, so producing a batch costs nothing and the trainer's own work is what gets timed.
 */
final class RandomRowSource implements RowSource {
  private final RowBatch[] pool;
  private long position;

  RandomRowSource(int d, int rowsPerBatch, int poolBatches, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    pool = new RowBatch[poolBatches];
    for (int b = 0; b < poolBatches; b++) {
      ByteBuffer rows = ByteBuffer.allocateDirect(rowsPerBatch * d * 4).order(ByteOrder.LITTLE_ENDIAN);
      FloatBuffer f = rows.asFloatBuffer();
      while (f.hasRemaining()) {
        f.put((float) random.nextGaussian());
      }
      ByteBuffer ids = ByteBuffer.allocateDirect(rowsPerBatch * 8).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < rowsPerBatch; i++) {
        ids.putLong((long) b * rowsPerBatch + i);
      }
      pool[b] = new RowBatch(new HostTensor(DType.FLOAT32, new long[] {rowsPerBatch, d}, rows),
          new HostTensor(DType.INT64, new long[] {rowsPerBatch}, ids.flip()));
    }
  }

  @Override
  public RowBatch next() {
    return pool[(int) (position++ % pool.length)];
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public void seek(long position) {
    this.position = position;
  }
}
