package dev.kibitz.sae.buffer;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.sae.SeededRandom;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Mixes rows from many incoming batches before training sees them, as the reference SAE tools'
 * activation stores do: consecutive rows of one batch (one game, one position) are correlated, so
 * the trainer draws each minibatch uniformly from a pool of up to {@code capacity} rows and the
 * freed slots are refilled by later batches. Rows live in one direct buffer (no float[]);
 * the draw order depends only on the seed and the sequence of offers, so runs are reproducible,
 * and {@link #state()} / {@link #restore} carry it across a checkpoint.
 */
public final class ShuffleBuffer {
  private final ByteBuffer[] reusedRows = new ByteBuffer[2];
  private final ByteBuffer[] reusedIds = new ByteBuffer[2];
  private int reuse;
  private final int width;
  private final int capacity;
  private final ByteBuffer rows;
  private final long[] ids;
  private int count;
  private SeededRandom random;

  public ShuffleBuffer(int width, int capacity, long seed) {
    if (width < 1 || capacity < 1) {
      throw new IllegalArgumentException("shuffle buffer needs width and capacity >= 1, got " + width + ", "
          + capacity);
    }
    this.width = width;
    this.capacity = capacity;
    this.rows = ByteBuffer.allocateDirect(capacity * width * 4).order(ByteOrder.LITTLE_ENDIAN);
    this.ids = new long[capacity];
    this.random = new SeededRandom(seed);
  }

  public int size() {
    return count;
  }

  public int capacity() {
    return capacity;
  }

  /** Whether a batch of {@code rows} rows fits now. */
  public boolean fits(int rowCount) {
    return count + rowCount <= capacity;
  }

  /** Appends every row of the batch; check {@link #fits} first. */
  public void offer(RowBatch batch) {
    if (batch.width() != width) {
      throw new IllegalArgumentException("batch rows have width " + batch.width() + ", buffer holds width " + width);
    }
    if (!fits(batch.size())) {
      throw new IllegalStateException("batch of " + batch.size() + " rows does not fit: " + count + "/" + capacity
          + " used; take a minibatch first");
    }
    ByteBuffer src = batch.rows().data();
    rows.duplicate().position(count * width * 4).put(src);
    ByteBuffer idBytes = batch.ids().data();
    for (int i = 0; i < batch.size(); i++) {
      ids[count + i] = idBytes.getLong(i * 8);
    }
    count += batch.size();
  }

  /**
   * Removes {@code n} rows drawn uniformly without replacement; the last row moves into each
   * freed slot so the pool stays compact. The batch gets buffers of its own.
   */
  public RowBatch take(int n) {
    return take(n, ByteBuffer.allocateDirect(n * width * 4), ByteBuffer.allocateDirect(n * 8));
  }

  /**
   * The same draw into two buffers this buffer reuses, alternately: the batch stays valid until the
   * next-but-one call. A training loop that uses each minibatch within its step allocates nothing
   * per step (a fresh direct buffer per step is freed only when GC runs, so resident memory grew).
   */
  public RowBatch takeReusing(int n) {
    int i = reuse++ & 1;
    if (reusedRows[i] == null || reusedRows[i].capacity() < n * width * 4) {
      reusedRows[i] = ByteBuffer.allocateDirect(n * width * 4);
      reusedIds[i] = ByteBuffer.allocateDirect(n * 8);
    }
    return take(n, reusedRows[i].clear(), reusedIds[i].clear());
  }

  private RowBatch take(int n, ByteBuffer rowsOut, ByteBuffer idsOut) {
    if (n < 1 || n > count) {
      throw new IllegalArgumentException("cannot take " + n + " rows from a buffer holding " + count);
    }
    int rowBytes = width * 4;
    ByteBuffer out = rowsOut.order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer outIds = idsOut.order(ByteOrder.LITTLE_ENDIAN);
    for (int j = 0; j < n; j++) {
      int slot = random.nextInt(count);
      out.put(rows.duplicate().position(slot * rowBytes).limit((slot + 1) * rowBytes));
      outIds.putLong(ids[slot]);
      int last = count - 1;
      if (slot != last) {
        rows.duplicate().position(slot * rowBytes).put(rows.duplicate().position(last * rowBytes)
            .limit((last + 1) * rowBytes));
        ids[slot] = ids[last];
      }
      count--;
    }
    return new RowBatch(new HostTensor(DType.FLOAT32, new long[] {n, width}, out.flip()),
        new HostTensor(DType.INT64, new long[] {n}, outIds.flip()));
  }

  /** The held rows in slot order and the generator state: everything a resumed run needs. */
  public State state() {
    ByteBuffer r = ByteBuffer.allocate(count * width * 4).order(ByteOrder.LITTLE_ENDIAN);
    r.put(rows.duplicate().position(0).limit(count * width * 4)).flip();
    ByteBuffer i = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < count; k++) {
      i.putLong(ids[k]);
    }
    return new State(new RowBatch(new HostTensor(DType.FLOAT32, new long[] {count, width}, r),
        new HostTensor(DType.INT64, new long[] {count}, i.flip())), random.state());
  }

  /** Replaces the contents and generator with a saved state. */
  public void restore(State state) {
    count = 0;
    offer(state.held());
    random = new SeededRandom(state.randomState());
  }

  /** A buffer's saved contents. */
  public record State(RowBatch held, long randomState) {}
}
