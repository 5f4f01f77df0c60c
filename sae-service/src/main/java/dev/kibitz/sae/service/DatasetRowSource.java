package dev.kibitz.sae.service;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.proto.v1.BatchInfo;
import dev.kibitz.proto.v1.DatasetDetail;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.buffer.RowSource;
import dev.kibitz.store.ShardLayout;
import dev.kibitz.store.client.ActivationStoreClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * One dataset's batches as training rows, in batch-index order: position p is "batches 0..p-1 were
 * read", whatever order Kafka delivered their announcements in, so a resumed job that seeks to its
 * checkpoint's position reads each batch exactly once in its lineage. A batch is read when it is known
 * to be stored (announced, or listed by the catalog at start); after the seal, reading past the last
 * batch starts the next epoch.
 *
 * <p>A stored batch never changes, so batches read once are kept, up to a byte budget, and later
 * epochs take them from memory: an SAE of 800 steps of 256 rows over a 121 MB dataset otherwise
 * reads 4.4 GB back from the store. Batches are kept in the order first read and none is evicted,
 * because training reads cyclically, where least-recently-used eviction would never hit.
 */
public final class DatasetRowSource implements RowSource {
  static final String INPUT_ID = "input_id";

  /** Default bytes of batches kept for later epochs. */
  public static final long DEFAULT_CACHE_BYTES = 256L << 20;

  private final ActivationStoreClient client;
  private final String datasetId;
  private final int width;
  private final BitSet available = new BitSet();
  private int sealedBatches = -1;
  private long position;
  private volatile boolean closed;
  private final long cacheBudget;
  private final java.util.Map<Integer, RowBatch> cache = new java.util.HashMap<>();
  private long cachedBytes;

  public DatasetRowSource(ActivationStoreClient client, DatasetDetail detail) {
    this(client, detail, DEFAULT_CACHE_BYTES);
  }

  /** With {@code cacheBytes} of batches kept for later epochs (0: every read goes to the store). */
  public DatasetRowSource(ActivationStoreClient client, DatasetDetail detail, long cacheBytes) {
    this.client = client;
    this.cacheBudget = cacheBytes;
    this.datasetId = detail.getDataset().getId();
    if (detail.getDataset().getDtype() != dev.kibitz.proto.v1.DType.DTYPE_FLOAT32) {
      throw KibitzException.invalid("SAE training needs FLOAT32 activations; dataset '"
          + detail.getDataset().getName() + "' holds " + detail.getDataset().getDtype());
    }
    this.width = rowWidth(detail);
    for (BatchInfo b : detail.getBatchesList()) {
      available.set(b.getBatchIndex());
    }
    if (detail.getDataset().getState() == dev.kibitz.proto.v1.DatasetState.DATASET_STATE_SEALED) {
      sealedBatches = detail.getDataset().getBatches();
    }
  }

  /** Values in one row of the dataset's activations (the product of its row shape). */
  public static int rowWidth(DatasetDetail detail) {
    long w = 1;
    for (long d : detail.getDataset().getRowShapeList()) {
      w *= d;
    }
    return Math.toIntExact(w);
  }

  public int width() {
    return width;
  }

  synchronized void available(int batchIndex) {
    available.set(batchIndex);
    notifyAll();
  }

  synchronized void sealed(int batches) {
    sealedBatches = batches;
    notifyAll();
  }

  /** Wakes a waiting reader; its next() then fails, ending the job without a checkpoint. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  @Override
  public RowBatch next() {
    int index = awaitBatch();
    synchronized (this) {
      RowBatch kept = cache.get(index);
      if (kept != null) {
        position++;
        return kept;
      }
    }
    ActivationStoreClient.Shard shard = client.readBatch(datasetId, index);
    HostTensor activations = shard.tensor(ShardLayout.ACTIVATIONS);
    int rows = (int) activations.shape()[0];
    HostTensor flat = new HostTensor(DType.FLOAT32, new long[] {rows, width}, activations.data());
    HostTensor ids = shard.contents().tensors().get(ShardLayout.LABEL_PREFIX + INPUT_ID);
    if (ids == null || ids.dtype() != DType.INT64 || ids.rank() != 1) {
      ids = rowIds(index, rows);
    }
    RowBatch batch = new RowBatch(flat, ids);
    synchronized (this) {
      position++;
      long bytes = flat.byteSize() + ids.byteSize();
      if (cachedBytes + bytes <= cacheBudget) {
        cache.put(index, batch);
        cachedBytes += bytes;
      }
    }
    return batch;
  }

  /** How many batches are kept in memory for later epochs. */
  public synchronized int cachedBatches() {
    return cache.size();
  }

  /** Without an input_id label a row is named by (batch index, row): batch in the high 32 bits. */
  private static HostTensor rowIds(int batchIndex, int rows) {
    ByteBuffer b = ByteBuffer.allocate(rows * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < rows; r++) {
      b.putLong(((long) batchIndex << 32) | r);
    }
    return new HostTensor(DType.INT64, new long[] {rows}, b.flip());
  }

  private synchronized int awaitBatch() {
    while (true) {
      if (closed) {
        throw new IllegalStateException("source of dataset " + datasetId + " closed");
      }
      int index = sealedBatches > 0 ? (int) (position % sealedBatches) : (int) position;
      if (available.get(index)) {
        return index;
      }
      try {
        wait(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for batch " + index + " of " + datasetId, e);
      }
    }
  }

  @Override
  public synchronized long position() {
    return position;
  }

  @Override
  public synchronized void seek(long newPosition) {
    position = newPosition;
  }
}
