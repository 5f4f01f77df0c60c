package dev.kibitz.store;

import dev.kibitz.core.KibitzException;
import dev.kibitz.store.catalog.BatchRecord;
import dev.kibitz.store.catalog.DatasetRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * One batch being written: the shard's header goes to a staging file at once, the tensor bytes are
 * appended as they arrive, and {@link #finish} hands the complete, forced file to the store. Anything
 * short of finish (an error, a cancelled stream, {@link #close}) deletes the staging file, so a
 * half-written batch never reaches the blob store, the catalog or Kafka.
 */
public final class BatchUpload implements Upload<BatchRecord> {
  private final ActivationStore store;
  private final DatasetRecord dataset;
  private final String batchId;
  private final long rows;
  private final StagedFile file;
  private final long expectedData;
  private long receivedData;
  private boolean done;

  BatchUpload(ActivationStore store, DatasetRecord dataset, String batchId, long rows, ShardLayout layout,
      Path staged) throws IOException {
    this.store = store;
    this.dataset = dataset;
    this.batchId = batchId;
    this.rows = rows;
    this.expectedData = layout.dataBytes();
    this.file = new StagedFile(staged);
    try {
      file.write(layout.header());
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Appends the next bytes of tensor data; refuses more than the layout holds. */
  public void append(ByteBuffer chunk) {
    requireOpen();
    if (receivedData + chunk.remaining() > expectedData) {
      throw KibitzException.invalid("batch '" + batchId + "' of dataset '" + dataset.spec().name() + "': "
          + (receivedData + chunk.remaining()) + " bytes of data sent, the header's " + rows + " rows take "
          + expectedData);
    }
    receivedData += chunk.remaining();
    try {
      file.write(chunk);
    } catch (IOException e) {
      throw new UncheckedIOException("staging batch '" + batchId + "'", e);
    }
  }

  /** Forces the staged shard and commits it: blob store, then catalog, then announcement. */
  public BatchRecord finish() {
    requireOpen();
    if (receivedData != expectedData) {
      throw KibitzException.invalid("batch '" + batchId + "' of dataset '" + dataset.spec().name() + "': "
          + receivedData + " bytes of data sent, the header's " + rows + " rows take " + expectedData);
    }
    StagedFile.Digest digest;
    try {
      digest = file.finish();
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("forcing batch '" + batchId + "' to disk", e);
    }
    done = true;
    return store.commit(dataset, batchId, rows, digest, file.path());
  }

  /** Abandons the batch unless it was finished. */
  @Override
  public void close() {
    done = true;
    file.close();
  }

  private void requireOpen() {
    if (done) {
      throw new IllegalStateException("batch '" + batchId + "' is already finished or abandoned");
    }
  }
}
