package dev.kibitz.sae.buffer;

import java.io.IOException;

/**
 * Where training rows come from (the activation store, a synthetic generator). Positioned so a
 * resumed run reads on from where the checkpoint left off.
 */
public interface RowSource {
  /** The next batch; sources used for training are unbounded or long enough for the run. */
  RowBatch next() throws IOException;

  /** How many batches have been read; {@link #seek} to it continues the same sequence. */
  long position();

  void seek(long position) throws IOException;

  /**
   * Batches {@code 0 .. count - 1} of {@code batch}, then again from 0: how a sealed dataset is read
   * epoch after epoch (the service's store source does the same in batch-index order).
   */
  static RowSource cycling(int count, java.util.function.IntFunction<RowBatch> batch) {
    if (count < 1) {
      throw new IllegalArgumentException("a cycling source needs at least one batch, got " + count);
    }
    return new RowSource() {
      private long position;

      @Override
      public synchronized RowBatch next() {
        return batch.apply((int) (position++ % count));
      }

      @Override
      public synchronized long position() {
        return position;
      }

      @Override
      public synchronized void seek(long newPosition) {
        position = newPosition;
      }
    };
  }
}
